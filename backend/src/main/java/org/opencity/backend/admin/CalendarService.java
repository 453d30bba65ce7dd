package org.opencity.backend.admin;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Dates;
import org.opencity.model.admin.CalendarDayChange;
import org.opencity.model.admin.WorkingHoursChange;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The city's working calendar: {@code /api/v1/admin/calendar} — working hours, and the days that
 * differ from an ordinary week — as the city admin reads and corrects it (see {@link WorkingCalendar}).
 */
public final class CalendarService implements HttpService {

    private final WorkingCalendar calendar;

    public CalendarService(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/calendar", this::view)
                .patch("/calendar", this::setHours)
                .put("/calendar/days/{date}", this::setDay)
                .delete("/calendar/days/{date}", this::clearDay);
    }

    private void view(ServerRequest req, ServerResponse res) {
        Optional<Integer> year = req.query().first("year").asOptional().map(CalendarService::year);
        res.send(calendar.view(Callers.required(req), year));
    }

    private void setHours(ServerRequest req, ServerResponse res) {
        res.send(calendar.setHours(Callers.required(req), req.content().as(WorkingHoursChange.class), ClientAddress.of(req)));
    }

    private void setDay(ServerRequest req, ServerResponse res) {
        LocalDate date = date(req);
        res.send(calendar.setDay(Callers.required(req), date, req.content().as(CalendarDayChange.class).kind(), ClientAddress.of(req)));
    }

    private void clearDay(ServerRequest req, ServerResponse res) {
        calendar.clearDay(Callers.required(req), date(req), ClientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static LocalDate date(ServerRequest req) {
        return Dates.date(req.path().pathParameters().get("date"), "date");
    }

    private static int year(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("year", "format", "a year such as 2026");
        }
    }
}
