package org.opencity.mobile.ui;

import org.junit.jupiter.api.Test;
import org.opencity.model.request.Channel;
import org.opencity.model.request.Priority;
import org.opencity.model.request.ReporterType;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.RequestSummary;
import org.opencity.model.request.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The technician's groups: by how soon a job is due, not by the calendar day its deadline falls on. */
class JobUrgencyTest {

    private static final ZoneId KAZAN = ZoneId.of("Europe/Moscow");

    @Test
    void anEmergencyDueAfterMidnightWithinTwoHoursIsSoonNotLater() {
        Instant lateEvening = ZonedDateTime.of(2026, 3, 10, 23, 0, 0, 0, KAZAN).toInstant();
        RequestDetail job = job(Status.ASSIGNED, lateEvening.plus(Duration.ofMinutes(106)));
        assertThat(JobsView.urgency(job, lateEvening, KAZAN)).isEqualTo(JobsView.Urgency.SOON);
    }

    @Test
    void eachGroupByHowSoonTheDeadlineFalls() {
        Instant morning = ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, KAZAN).toInstant();
        assertThat(JobsView.urgency(job(Status.ASSIGNED, morning.minusSeconds(60)), morning, KAZAN)).isEqualTo(JobsView.Urgency.OVERDUE);
        assertThat(JobsView.urgency(job(Status.ASSIGNED, morning.plus(Duration.ofHours(2))), morning, KAZAN)).isEqualTo(JobsView.Urgency.SOON);
        assertThat(JobsView.urgency(job(Status.IN_PROGRESS, morning.plus(Duration.ofHours(5))), morning, KAZAN)).isEqualTo(JobsView.Urgency.TODAY);
        assertThat(JobsView.urgency(job(Status.ASSIGNED, morning.plus(Duration.ofHours(16))), morning, KAZAN)).isEqualTo(JobsView.Urgency.LATER);
        assertThat(JobsView.urgency(job(Status.DONE, morning.minusSeconds(60)), morning, KAZAN)).isEqualTo(JobsView.Urgency.DONE);
    }

    private static RequestDetail job(Status status, Instant due) {
        RequestSummary summary = new RequestSummary(UUID.randomUUID(), "KZN-2026-000001", status, Priority.EMERGENCY, Channel.values()[0],
                                                    "plumbing", "Plumbing", "Baumana 1", "vakhitovsky", UUID.randomUUID(),
                                                    "Org", UUID.randomUUID(), due.minus(Duration.ofHours(1)), "COMPLETE", due,
                                                    false, false, false, null);
        return new RequestDetail(summary, "Leak", null, null, null, null, null, ReporterType.values()[0], null, null, null, null,
                                 null, Map.of(), null, 1, List.of(), List.of(), List.of(), false, null, Instant.EPOCH);
    }
}
