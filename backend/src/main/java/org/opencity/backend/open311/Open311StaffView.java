package org.opencity.backend.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.web.Json;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.PathParams;
import org.opencity.model.request.Actor;
import org.opencity.model.request.RequestDetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an Open311 client sent with a request, for the staff who may see the request
 * ({@code GET /api/v1/requests/{requestId}/open311}): which client filed it, the {@code media_url}
 * (a link, never fetched), the attributes we do not declare ("extra data from the client") and the
 * reporter's contact — the last only to the responsible organisation's staff and the assigned
 * technician, who may need to call back; everyone else learns only that it is withheld.
 */
final class Open311StaffView implements HttpService {

    /** The reporter as the client named them. */
    record Reporter(String firstName, String lastName, String email, String phone) {
    }

    /** The answer. */
    record Submission(String client, Instant receivedAt, String mediaUrl, Map<String, List<String>> extraAttributes,
                      Reporter reporter, boolean contactWithheld) {
    }

    private final DbClient db;
    private final RequestQueries queries;

    Open311StaffView(DbClient db, RequestQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/requests/{requestId}/open311", this::submission);
    }

    private void submission(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        UUID id = PathParams.uuid(req, "requestId");
        RequestDetail detail = queries.detail(caller, id, Locales.of(req));   // not found unless the caller may see it
        DbRow row = db.execute().createGet("""
                SELECT c.name AS client, s.created_at, s.media_url, CAST(s.attributes AS text) AS attributes,
                       s.first_name, s.last_name, s.email, s.phone
                FROM open311_submission s JOIN api_client c ON c.id = s.api_client_id WHERE s.request_id = :id""")
                .addParam("id", id).execute().orElseThrow(() -> new NotFound("this request was not filed through Open311"));
        Set<Actor> actors = Actor.of(caller.userId(), caller.roles(), caller.organisationId().orElse(null), detail.reporterId(),
                                     detail.summary().technicianId(), detail.summary().organisationId());
        boolean contact = actors.contains(Actor.ORGANISATION_STAFF) || actors.contains(Actor.ASSIGNED_TECHNICIAN);
        Reporter reporter = contact ? new Reporter(Rows.optionalString(row, "first_name").orElse(null),
                                                   Rows.optionalString(row, "last_name").orElse(null),
                                                   Rows.optionalString(row, "email").orElse(null),
                                                   Rows.optionalString(row, "phone").orElse(null)) : null;
        res.send(new Submission(Rows.string(row, "client"), Rows.instant(row, "created_at"),
                                Rows.optionalString(row, "media_url").orElse(null), extra(Rows.string(row, "attributes")), reporter,
                                !contact));
    }

    /** The attributes as sent, less those our definitions declare (they already fill fields of the request). */
    private static Map<String, List<String>> extra(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode attributes;
        try {
            attributes = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("open311_submission.attributes is jsonb", e);
        }
        attributes.properties().forEach(e -> {
            boolean declared = Open311Catalogue.BUILDING_ATTRIBUTES.stream().anyMatch(a -> a.code().equals(e.getKey()));
            if (!declared) {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                out.put(e.getKey(), values);
            }
        });
        return out;
    }
}
