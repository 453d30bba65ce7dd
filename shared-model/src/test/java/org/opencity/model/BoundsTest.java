package org.opencity.model;

import org.junit.jupiter.api.Test;
import org.opencity.model.admin.NewResponsibility;
import org.opencity.model.admin.NewStaffUser;
import org.opencity.model.auth.OtpStart;
import org.opencity.model.feedback.FeedbackForm;
import org.opencity.model.feedback.FeedbackKind;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.NewRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every string and list of an input record is bounded, and its dates lie in a computable range. */
class BoundsTest {

    private static ActionRequest action(String reason, String note, String text) {
        return new ActionRequest(Action.REJECT, reason, null, null, null, note, null, text, null, null, null);
    }

    @Test
    void aLifecycleReasonNoteOrTextLongerThanTheBoundIsRefusedNamingTheField() {
        String huge = "x".repeat(900_000);
        assertThatThrownBy(() -> action(huge, null, null)).isInstanceOf(Bounds.Violation.class).hasMessageStartingWith("reason");
        assertThatThrownBy(() -> action(null, huge, null)).hasMessageStartingWith("note");
        assertThatThrownBy(() -> action(null, null, huge)).hasMessageStartingWith("text");
        assertThat(action("x".repeat(ActionRequest.MAX_TEXT), null, null).reason()).hasSize(ActionRequest.MAX_TEXT);
    }

    @Test
    void textWithNulOrALoneSurrogateIsRefusedAndAPairedSurrogateIsKept() {
        assertThatThrownBy(() -> action("a\u0000b", null, null)).isInstanceOfSatisfying(Bounds.Violation.class,
                                                                                      v -> assertThat(v.rule()).isEqualTo("characters"));
        assertThatThrownBy(() -> action("a\ud800b", null, null)).isInstanceOf(Bounds.Violation.class);
        assertThatThrownBy(() -> action("a\udc00", null, null)).isInstanceOf(Bounds.Violation.class);
        assertThat(action("a \ud83d\ude00 smile", null, null).reason()).contains("\ud83d\ude00");
    }

    @Test
    void listsAreBounded() {
        List<String> many = Collections.nCopies(10_000, "x");
        assertThatThrownBy(() -> new NewStaffUser("login", "password", "name", Set.of(Role.TECHNICIAN), Set.copyOf(
                java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "skill" + i).toList()), null, "ru"))
                .isInstanceOfSatisfying(Bounds.Violation.class, v -> assertThat(v.field()).isEqualTo("skills"));
        assertThatThrownBy(() -> new ReportQuery(Collections.nCopies(10_000, org.opencity.model.report.Dimension.values()[0]),
                                                 null, null, null, null))
                .hasMessageStartingWith("dimensions");
        assertThat(many).hasSize(10_000);
    }

    @Test
    void datesOutsideTheComputableRangeAreRefused() {
        assertThatThrownBy(() -> new NewResponsibility("water", "vakhitovsky", null, LocalDate.MAX, null))
                .hasMessageStartingWith("validFrom");
        assertThatThrownBy(() -> new ReportQuery(null, null, null, LocalDate.of(999_999, 1, 1), null)).hasMessageStartingWith("from");
        assertThatThrownBy(() -> new ActionRequest(Action.COMPLETE, null, null, null, null, null, null, null, null,
                                                   Instant.parse("+999999-01-01T00:00:00Z"), null))
                .hasMessageStartingWith("doneAt");
        assertThat(new NewResponsibility("water", "vakhitovsky", null, LocalDate.of(2026, 12, 1), null).validFrom())
                .isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void otherCommandsBoundTheirText() {
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> new OtpStart(huge, null)).hasMessageStartingWith("phone");
        assertThatThrownBy(() -> new FeedbackForm(FeedbackKind.values()[0], huge, null, null)).hasMessageStartingWith("text");
        assertThatThrownBy(() -> new NewRequest(UUID.randomUUID(), "water", huge, null, null, null, null, null, null, null,
                                                null, null, null, null)).hasMessageStartingWith("description");
    }
}
