package org.opencity.backend.reports;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.requests.RequestFilter;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.web.Dates;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.Paging;
import org.opencity.backend.web.PathParams;
import org.opencity.model.SlaStage;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.DrillSubset;
import org.opencity.model.report.Measure;
import org.opencity.model.report.NewSavedReport;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.report.ReportResult;
import org.opencity.model.report.ReportRow;
import org.opencity.model.report.SavedReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reports: {@code POST /api/v1/reports/run} (a {@link ReportQuery} in, a {@link ReportResult} out),
 * {@code GET /api/v1/reports/export.csv} (the same report from query parameters, as CSV),
 * {@code /api/v1/reports/saved} (each user's definitions), {@code GET /api/v1/requests/export.csv}
 * (a request search as streamed CSV), {@code GET /api/v1/reports/requests} (the requests behind a
 * report's figure) and, under {@code /api/v1/public}, {@code GET /ratings}.
 */
public final class ReportsService implements HttpService {

    private final Reports reports;
    private final SavedReports saved;
    private final RequestQueries requests;
    private final RequestExport export;
    private final PublicRatings ratings;
    private final ReportDrillDown drillDown;

    public ReportsService(Reports reports, SavedReports saved, RequestQueries requests, RequestExport export, PublicRatings ratings,
                          ReportDrillDown drillDown) {
        this.reports = reports;
        this.drillDown = drillDown;
        this.saved = saved;
        this.requests = requests;
        this.export = export;
        this.ratings = ratings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/reports/run", this::run)
                .get("/reports/export.csv", this::exportReport)
                .get("/reports/requests", this::drillDown)
                .get("/reports/saved", this::listSaved)
                .post("/reports/saved", this::save)
                .delete("/reports/saved/{reportId}", this::deleteSaved)
                .get("/requests/export.csv", this::exportRequests);
    }

    /** Under {@code /api/v1/public}. */
    public HttpService publicRoutes() {
        return rules -> rules.get("/ratings", this::publicRatings);
    }

    private void run(ServerRequest req, ServerResponse res) {
        res.send(reports.run(Callers.required(req), req.content().as(ReportQuery.class)));
    }

    /**
     * The report's parameters (as for the CSV; measures may be left out), {@code cell.DIMENSION=value}
     * for each of its dimensions (empty: none) or {@code cityAverage=true}, {@code subset}, {@code stage},
     * {@code limit} and {@code after}.
     */
    private void drillDown(ServerRequest req, ServerResponse res) {
        var q = req.query();
        Map<Dimension, Optional<String>> cell = new EnumMap<>(Dimension.class);
        for (String name : q.names()) {
            if (name.startsWith("cell.")) {
                String value = q.first(name).orElse("").strip();
                cell.put(parse(Dimension.class, name.substring("cell.".length()), name), Optional.of(value).filter(v -> !v.isEmpty()));
            }
        }
        ReportQuery report = query(req);
        if (report.measures().isEmpty()) {
            report = new ReportQuery(report.dimensions(), List.of(Measure.COUNT), report.filters(), report.from(), report.to());
        }
        DrillSubset subset = parse(DrillSubset.class, q.first("subset").orElse("ALL"), "subset");
        Optional<SlaStage> stage = q.first("stage").asOptional().filter(s -> !s.isBlank()).map(s -> parse(SlaStage.class, s, "stage"));
        boolean average = Boolean.parseBoolean(q.first("cityAverage").orElse("false"));
        res.send(drillDown.requests(Callers.required(req), report, cell, average, subset, stage, Paging.of(req), Locales.of(req)));
    }

    private void listSaved(ServerRequest req, ServerResponse res) {
        res.send(saved.list(Callers.required(req)));
    }

    private void save(ServerRequest req, ServerResponse res) {
        SavedReport report = saved.save(Callers.required(req), req.content().as(NewSavedReport.class));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/v1/reports/saved/" + report.id());
        res.send(report);
    }

    private void deleteSaved(ServerRequest req, ServerResponse res) {
        saved.delete(Callers.required(req), PathParams.uuid(req, "reportId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void exportReport(ServerRequest req, ServerResponse res) {
        ReportResult result = reports.run(Callers.required(req), query(req));
        csvHeaders(res, "report.csv");
        try (OutputStream out = res.outputStream(); CsvWriter csv = new CsvWriter(out)) {
            for (Dimension d : result.dimensions()) {
                csv.text(d.name());
            }
            for (String c : result.columns()) {
                csv.text(c);
            }
            csv.endRow();
            for (ReportRow row : result.rows()) {
                write(csv, result, row, false);
            }
            write(csv, result, result.cityAverage(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exportRequests(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        RequestQueries.Statement statement = requests.export(caller, RequestFilter.of(req));
        csvHeaders(res, "requests.csv");
        try (OutputStream out = res.outputStream()) {
            export.write(statement, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publicRatings(ServerRequest req, ServerResponse res) {
        var q = req.query();
        res.send(ratings.of(q.first("city").asOptional(), q.first("period").asOptional().filter(s -> !s.isBlank()),
                            q.first("from").asOptional().filter(s -> !s.isBlank()),
                            q.first("to").asOptional().filter(s -> !s.isBlank()), Locales.of(req)));
    }

    private static void write(CsvWriter csv, ReportResult result, ReportRow row, boolean average) throws IOException {
        boolean first = true;
        for (Dimension d : result.dimensions()) {
            csv.text(average && first ? "(city average)" : average ? null : row.dimensions().get(d.name()));
            first = false;
        }
        for (String c : result.columns()) {
            csv.number(row.values().get(c));
        }
        csv.endRow();
    }

    private static void csvHeaders(ServerResponse res, String filename) {
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }

    /**
     * A report from query parameters: {@code dimensions=CATEGORY,MONTH}, {@code measures=COUNT,AVG_RATING},
     * {@code from}, {@code to}, and a filter per dimension as {@code filter.DISTRICT=a,b}.
     */
    static ReportQuery query(ServerRequest req) {
        var q = req.query();
        List<Dimension> dimensions = list(q.first("dimensions").orElse(""), Dimension.class, "dimensions");
        List<Measure> measures = list(q.first("measures").orElse(""), Measure.class, "measures");
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (String name : q.names()) {
            if (name.startsWith("filter.")) {
                Dimension d = parse(Dimension.class, name.substring("filter.".length()), name);
                List<String> values = new ArrayList<>();
                for (String raw : q.all(name)) {
                    for (String v : raw.split(",")) {
                        values.add(v.strip());
                    }
                }
                filters.put(d, values);
            }
        }
        return new ReportQuery(dimensions, measures, filters, date(q.first("from").orElse(""), "from"),
                               date(q.first("to").orElse(""), "to"));
    }

    private static <E extends Enum<E>> List<E> list(String raw, Class<E> type, String field) {
        List<E> values = new ArrayList<>();
        for (String s : raw.split(",")) {
            if (!s.isBlank()) {
                values.add(parse(type, s.strip(), field));
            }
        }
        return values;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of(field, "unknown", "not a " + type.getSimpleName().toLowerCase(Locale.ROOT));
        }
    }

    private static LocalDate date(String value, String field) {
        if (value.isBlank()) {
            return null;
        }
        return Dates.date(value, field);
    }
}
