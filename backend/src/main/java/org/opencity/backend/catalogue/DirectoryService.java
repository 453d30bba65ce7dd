package org.opencity.backend.catalogue;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Locales;

import java.util.Optional;
import java.util.UUID;

/** Address search ({@code GET /api/v1/buildings?q=}) and technicians to assign ({@code GET /api/v1/technicians}). */
public final class DirectoryService implements HttpService {

    private final Directory directory;

    public DirectoryService(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/buildings", this::buildings)
                .get("/technicians", this::technicians);
    }

    private void buildings(ServerRequest req, ServerResponse res) {
        String q = req.query().first("q").asOptional().map(String::strip).filter(s -> s.length() >= 2)
                .orElseThrow(() -> ValidationFailed.of("q", "length", "type at least 2 letters of the street"));
        if (q.length() > 100) {
            throw ValidationFailed.of("q", "length", "at most 100 characters");
        }
        res.send(directory.buildings(Callers.required(req), q));
    }

    private void technicians(ServerRequest req, ServerResponse res) {
        Optional<UUID> organisation = req.query().first("organisation").asOptional().filter(s -> !s.isBlank()).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("organisation", "format", "an organisation id");
            }
        });
        Optional<String> skill = req.query().first("skill").asOptional().filter(s -> !s.isBlank());
        Optional<String> category = req.query().first("category").asOptional().filter(s -> !s.isBlank());
        res.send(directory.technicians(Callers.required(req), organisation, skill, category, Locales.of(req)));
    }
}
