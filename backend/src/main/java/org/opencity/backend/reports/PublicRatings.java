package org.opencity.backend.reports;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Dates;
import org.opencity.model.report.OrganisationRating;
import org.opencity.model.report.Ratings;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public ratings of the organisations that serve residents (management companies,
 * contractors, resource suppliers) over requests filed in a period, from the request facts.
 * The method is {@link Ratings#METHOD}; fewer than {@value #MINIMUM_REQUESTS} requests is too few
 * to judge by.
 */
public final class PublicRatings {

    public static final int MINIMUM_REQUESTS = 30;
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    private record Raw(String code, String name, String kind, long requests, Double rating, Double onTime, Double reopen,
                       Double per1000Flats) {
    }

    private final DbClient db;
    private final Calendars calendars;
    private final Clock clock;

    public PublicRatings(DbClient db, Calendars calendars, Clock clock) {
        this.db = db;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Ratings for {@code period} (2026-Q3 or 2026-11) or {@code from}–{@code to}; the current quarter when none is given. */
    public Ratings of(Optional<String> cityCode, Optional<String> period, Optional<String> from, Optional<String> to, String locale) {
        DbRow city = (cityCode.isPresent()
                ? db.execute().createGet("SELECT id, timezone FROM city WHERE code = :code").addParam("code", cityCode.get())
                : db.execute().createGet("SELECT id, timezone FROM city ORDER BY code LIMIT 1")).execute()
                .orElseThrow(() -> new NotFound("no such city"));
        UUID cityId = Rows.uuid(city, "id");
        ZoneId zone = calendars.of(cityId).zone();
        LocalDate[] span = span(period, from, to, LocalDate.now(clock.withZone(zone)));
        String label = period.orElse(span[0] + "/" + span[1]);
        List<Raw> raw = new ArrayList<>();
        try (var rows = db.execute().createQuery("""
                WITH req AS (
                    SELECT r.organisation_id AS org, count(*) AS n, avg(r.rating) AS rating,
                           count(*) FILTER (WHERE r.status IN ('DONE', 'CLOSED') AND r.late_stages = 0) AS on_time,
                           count(*) FILTER (WHERE r.reopen_count > 0) AS reopened,
                           count(*) FILTER (WHERE r.first_done_at IS NOT NULL) AS done
                    FROM request r
                    WHERE r.city_id = :city AND r.organisation_id IS NOT NULL AND r.created_at >= :from AND r.created_at < :to
                    GROUP BY r.organisation_id
                ), managed AS (
                    SELECT managing_org_id AS org, sum(flats) AS flats FROM building
                    WHERE city_id = :city AND managing_org_id IS NOT NULL GROUP BY managing_org_id
                )
                SELECT o.code, %s AS name, o.kind, coalesce(req.n, 0) AS n, req.rating, req.on_time, req.reopened,
                       req.done, managed.flats
                FROM organisation o
                LEFT JOIN req ON req.org = o.id
                LEFT JOIN managed ON managed.org = o.id
                WHERE o.city_id = :city AND o.active AND o.kind IN ('MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER')"""
                .formatted(Names.organisation("o", locale)))
                .addParam("city", cityId)
                .addParam("from", Rows.param(span[0].atStartOfDay(zone).toInstant()))
                .addParam("to", Rows.param(span[1].plusDays(1).atStartOfDay(zone).toInstant())).execute()) {
            rows.forEach(r -> {
                long n = Rows.longValue(r, "n");
                long done = Rows.optionalLong(r, "done").orElse(0L);
                long flats = Rows.optionalLong(r, "flats").orElse(0L);
                raw.add(new Raw(Rows.string(r, "code"), Rows.string(r, "name"),
                                Rows.string(r, "kind"), n, Rows.optionalDouble(r, "rating").map(PublicRatings::round).orElse(null),
                                n == 0 ? null : round(100.0 * Rows.optionalLong(r, "on_time").orElse(0L) / n),
                                done == 0 ? null : round(100.0 * Rows.optionalLong(r, "reopened").orElse(0L) / done),
                                flats == 0 ? null : round(1000.0 * n / flats)));
            });
        }
        return new Ratings(label, span[0], span[1], MINIMUM_REQUESTS, Ratings.METHOD, rank(raw));
    }

    /** Scores and ranks: organisations with enough requests by score, then the rest by number of requests. */
    static List<OrganisationRating> rank(List<Raw> raw) {
        List<Raw> judged = raw.stream().filter(r -> r.requests() >= MINIMUM_REQUESTS).toList();
        double low = judged.stream().map(Raw::per1000Flats).filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(0);
        double high = judged.stream().map(Raw::per1000Flats).filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        record Scored(Raw raw, Double score) {
        }
        List<Scored> ranked = new ArrayList<>(judged.stream().map(r -> new Scored(r, score(r, low, high))).toList());
        ranked.sort(Comparator.comparing((Scored s) -> s.score() == null ? -1 : s.score()).reversed()
                            .thenComparing(s -> s.raw().code()));
        List<Raw> few = new ArrayList<>(raw.stream().filter(r -> r.requests() < MINIMUM_REQUESTS).toList());
        few.sort(Comparator.comparingLong(Raw::requests).reversed().thenComparing(Raw::code));
        List<OrganisationRating> out = new ArrayList<>();
        for (Scored s : ranked) {
            out.add(rating(out.size() + 1, s.raw(), s.score(), false));
        }
        for (Raw r : few) {
            out.add(rating(out.size() + 1, r, r.requests() == 0 ? null : score(r, low, high), true));
        }
        return out;
    }

    /** The weighted mean of the indicators an organisation has, 0–100 (see {@link Ratings#METHOD}). */
    static Double score(Raw r, double lowPer1000, double highPer1000) {
        double sum = 0;
        double weights = 0;
        if (r.onTime() != null) {
            sum += 0.4 * r.onTime() / 100;
            weights += 0.4;
        }
        if (r.rating() != null) {
            sum += 0.3 * (r.rating() - 1) / 4;
            weights += 0.3;
        }
        if (r.reopen() != null) {
            sum += 0.2 * (1 - r.reopen() / 100);
            weights += 0.2;
        }
        if (r.per1000Flats() != null && highPer1000 > lowPer1000) {
            sum += 0.1 * (1 - (Math.min(highPer1000, Math.max(lowPer1000, r.per1000Flats())) - lowPer1000) / (highPer1000 - lowPer1000));
            weights += 0.1;
        }
        return weights == 0 ? null : round(100 * sum / weights);
    }

    private static OrganisationRating rating(int rank, Raw r, Double score, boolean tooFew) {
        return new OrganisationRating(rank, r.code(), r.name(), r.kind(), r.requests(), r.rating(), r.onTime(), r.reopen(),
                                      r.per1000Flats(), score, tooFew);
    }

    private static LocalDate[] span(Optional<String> period, Optional<String> from, Optional<String> to, LocalDate today) {
        if (period.isPresent()) {
            Matcher q = QUARTER.matcher(period.get());
            if (q.matches()) {
                LocalDate start = LocalDate.of(Integer.parseInt(q.group(1)), 3 * Integer.parseInt(q.group(2)) - 2, 1);
                return new LocalDate[] {start, start.plusMonths(3).minusDays(1)};
            }
            Matcher m = MONTH.matcher(period.get());
            if (m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12) {
                LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                return new LocalDate[] {start, start.plusMonths(1).minusDays(1)};
            }
            throw ValidationFailed.of("period", "format", "a quarter such as 2026-Q3 or a month such as 2026-11");
        }
        if (from.isPresent() || to.isPresent()) {
            LocalDate a = date(from.orElse(null), "from");
            LocalDate b = date(to.orElse(null), "to");
            if (a.isAfter(b) || ChronoUnit.DAYS.between(a, b) >= 366) {
                throw ValidationFailed.of("to", "span", "from up to 366 days before to");
            }
            return new LocalDate[] {a, b};
        }
        LocalDate start = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        return new LocalDate[] {start, start.plusMonths(3).minusDays(1)};
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ValidationFailed.of(field, "required", "give both from and to, or a period");
        }
        return Dates.date(value, field);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
