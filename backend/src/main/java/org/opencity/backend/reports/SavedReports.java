package org.opencity.backend.reports;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;
import org.opencity.model.report.NewSavedReport;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.report.SavedReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Report definitions each user keeps under a name: at most {@value #MAX_PER_USER}, names unique per
 * user, visible to their owner only. A definition is checked like a report before it is kept.
 */
public final class SavedReports {

    public static final int MAX_PER_USER = 100;

    private final DbClient db;
    private final Clock clock;

    public SavedReports(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<SavedReport> list(Caller caller) {
        try (var rows = db.execute().createQuery("""
                SELECT id, name, CAST(query AS text) AS query, created_at FROM saved_report
                WHERE user_id = :user ORDER BY lower(name), id""").addParam("user", caller.userId()).execute()) {
            return rows.map(r -> new SavedReport(Rows.uuid(r, "id"), Rows.string(r, "name"), query(Rows.string(r, "query")),
                                                 Rows.instant(r, "created_at"))).toList();
        }
    }

    public SavedReport save(Caller caller, NewSavedReport report) {
        Reports.scope(caller);
        String name = report.name() == null ? "" : report.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ValidationFailed.of("name", "length", "1 to 100 characters");
        }
        if (report.query() == null) {
            throw ValidationFailed.of("query", "required", "the report to save");
        }
        ReportSpec.of(report.query(), LocalDate.now(clock));   // refuse what could not run
        long count = db.execute().createGet("SELECT count(*) AS n FROM saved_report WHERE user_id = :user")
                .addParam("user", caller.userId()).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        if (count >= MAX_PER_USER) {
            throw new Conflict("you have " + MAX_PER_USER + " saved reports; delete one first");
        }
        UUID id = Ids.newId();
        var created = clock.instant();
        long inserted = db.execute().createInsert("""
                INSERT INTO saved_report (id, user_id, name, query, created_at)
                VALUES (:id, :user, :name, CAST(:query AS jsonb), :at) ON CONFLICT (user_id, name) DO NOTHING""")
                .addParam("id", id).addParam("user", caller.userId()).addParam("name", name)
                .addParam("query", new String(Json.bytes(report.query()), StandardCharsets.UTF_8))
                .addParam("at", Rows.param(created)).execute();
        if (inserted == 0) {
            throw new Conflict("you already have a report named \"" + name + "\"");
        }
        return new SavedReport(id, name, report.query(), created);
    }

    public void delete(Caller caller, UUID id) {
        long deleted = db.execute().createDelete("DELETE FROM saved_report WHERE id = :id AND user_id = :user")
                .addParam("id", id).addParam("user", caller.userId()).execute();
        if (deleted == 0) {
            throw new NotFound("no such saved report");
        }
    }

    private static ReportQuery query(String json) {
        try {
            return Json.mapper().readValue(json, ReportQuery.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
