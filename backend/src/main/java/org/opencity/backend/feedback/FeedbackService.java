package org.opencity.backend.feedback;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Paging;
import org.opencity.backend.web.PathParams;
import org.opencity.model.feedback.FeedbackForm;

import java.util.Map;
import java.util.UUID;

/**
 * Feedback to the city: {@code POST /api/v1/public/feedback} for anyone, {@code /api/v1/admin/feedback}
 * for the city's staff.
 */
public final class FeedbackService {

    private final Feedback feedback;

    public FeedbackService(Feedback feedback) {
        this.feedback = feedback;
    }

    /** Under {@code /api/v1/public}. */
    public HttpService publicRoutes() {
        return rules -> rules.post("/feedback", this::send);
    }

    /** Under {@code /api/v1/admin}. */
    public HttpService staffRoutes() {
        return rules -> rules.get("/feedback", this::list).post("/feedback/{feedbackId}/read", this::read);
    }

    private void send(ServerRequest req, ServerResponse res) {
        UUID id = feedback.send(req.content().as(FeedbackForm.class), ClientAddress.of(req));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/v1/admin/feedback/" + id);
        res.send(Map.of("id", id));
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(feedback.list(Callers.required(req), Paging.of(req)));
    }

    private void read(ServerRequest req, ServerResponse res) {
        feedback.markRead(Callers.required(req), PathParams.uuid(req, "feedbackId"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
