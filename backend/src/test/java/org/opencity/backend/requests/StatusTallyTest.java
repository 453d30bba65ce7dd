package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;

/** The boards' counts per status come from the tally, and always equal counting the requests. */
@WithApp(demo = true)
class StatusTallyTest {

    private final TestApp app;
    private final RequestFixtures f;
    private final StatusTally tally;

    StatusTallyTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
        this.tally = new StatusTally(app.database().client());
    }

    @Test
    void countsEqualCountingTheRequestsBeforeAndAfterFoldingAcrossFilingsAndTransitions() throws Exception {
        TestApp.Tokens someone = app.newResident();
        for (String district : List.of("vakhitovsky", "sovetsky", "privolzhsky")) {
            app.fileRequest(someone, "heating", f.building(district), "Cold radiators in " + district);
            app.fileRequest(someone, "plumbing", f.building(district), "Dripping tap in " + district);
        }
        tally.fold();
        assertBoardsCountRight();

        // changes appended, not yet folded: a filing, a rejection (the organisation goes), a re-route
        TestApp.Tokens resident = app.newResident();
        String building = f.building("vakhitovsky");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(app.fileRequest(resident, i % 2 == 0 ? "heating" : "plumbing", building, "Tally check number " + i)
                            .get("summary").get("id").asText());
        }
        TestApp.Tokens dispatcher = app.login("dispatcher");
        assertThat(f.act(dispatcher, ids.get(0), action("REJECT", "reason", "not our building")).statusCode())
                .as("rejected: the request leaves the organisation").isEqualTo(204);
        f.actOk(dispatcher, ids.get(1), action("ACCEPT"));
        assertThat(app.database().count("SELECT count(*) FROM request_tally_change")).isPositive();
        assertBoardsCountRight();

        // folds from several instances at once, while more filings come in, count each change once
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                work.add(pool.submit(() -> {
                    for (int k = 0; k < 20; k++) {
                        tally.fold();
                    }
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    app.fileRequest(resident, "lift", building, "Lift check during folding " + i);
                }
            }));
            for (Future<?> w : work) {
                w.get();
            }
        }
        assertBoardsCountRight();
        tally.fold();
        assertThat(app.database().count("SELECT count(*) FROM request_tally_change")).isZero();
        assertBoardsCountRight();

        // a rebuild from the requests finds exactly the totals kept
        String totals = "SELECT string_agg(concat_ws('|', city_id, organisation_id, district_id, category_id, status, n), ',' "
                + "ORDER BY city_id, organisation_id, district_id, category_id, status) FROM request_tally WHERE n <> 0";
        String kept = single(totals);
        app.database().execute("SELECT rebuild_request_tally()");
        assertThat(single(totals)).isEqualTo(kept);
    }

    @Test
    void filtersTheTallyCannotAnswerAreCountedFromTheRequests() {
        TestApp.Tokens resident = app.newResident();
        for (int i = 0; i < 3; i++) {
            app.fileRequest(resident, "water-leak", f.building("sovetsky"), "Overdue check number " + i);
        }
        app.clock().advance(java.time.Duration.ofHours(2));   // past the emergency's acceptance deadline
        TestApp.Tokens city = app.login("citydispatcher");
        JsonNode board = TestApp.json(app.get("/api/v1/requests?limit=1&overdue=true", city));
        Map<String, Long> expected = counted("r.due_at < '" + app.clock().instant() + "' AND r.paused_at IS NULL AND r.stage <> 'CONFIRM'");
        assertThat(expected).isNotEmpty();
        assertThat(counts(board)).isEqualTo(expected);
    }

    private void assertBoardsCountRight() {
        String vakhitovskyOrg = single("SELECT organisation_id FROM responsibility x JOIN district d ON d.id = x.district_id "
                                               + "WHERE d.code = 'vakhitovsky' LIMIT 1");
        TestApp.Tokens city = app.login("citydispatcher");
        TestApp.Tokens organisation = app.login("dispatcher");
        String dispatcherOrg = single("SELECT organisation_id FROM app_user WHERE login = 'dispatcher'");
        assertThat(counts(TestApp.json(app.get("/api/v1/requests?limit=1", city)))).isEqualTo(counted("true"));
        assertThat(counts(TestApp.json(app.get("/api/v1/requests?limit=1&district=vakhitovsky", city))))
                .isEqualTo(counted("d.code = 'vakhitovsky'"));
        assertThat(counts(TestApp.json(app.get("/api/v1/requests?limit=1&category=heating&organisation=" + vakhitovskyOrg, city))))
                .isEqualTo(counted("c.code = 'heating' AND r.organisation_id = '" + vakhitovskyOrg + "'"));
        assertThat(counts(TestApp.json(app.get("/api/v1/requests?limit=1", organisation))))
                .isEqualTo(counted("r.organisation_id = '" + dispatcherOrg + "'"));
        assertThat(counts(TestApp.json(app.get("/api/v1/requests?limit=1&category=plumbing&status=DONE", organisation))))
                .as("the counts ignore the status filter, so that the board can show every tab")
                .isEqualTo(counted("r.organisation_id = '" + dispatcherOrg + "' AND c.code = 'plumbing'"));
    }

    private Map<String, Long> counted(String condition) {
        Map<String, Long> out = new TreeMap<>();
        String rows = single("SELECT coalesce(string_agg(status || '=' || n, ','), '') FROM (SELECT r.status, count(*) AS n FROM request r "
                                     + "JOIN service_category c ON c.id = r.category_id LEFT JOIN district d ON d.id = r.district_id "
                                     + "WHERE " + condition + " GROUP BY r.status) x");
        if (!rows.isEmpty()) {
            for (String pair : rows.split(",")) {
                String[] kv = pair.split("=");
                out.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return out;
    }

    private static Map<String, Long> counts(JsonNode board) {
        Map<String, Long> out = new TreeMap<>();
        board.get("counts").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private String single(String sql) {
        return f.single(sql);
    }
}
