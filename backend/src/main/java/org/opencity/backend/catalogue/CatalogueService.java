package org.opencity.backend.catalogue;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.web.Locales;

/**
 * Public, read-only reference data every client needs before anything else: the service
 * categories a resident can choose from and the city's districts. No sign-in required.
 */
public final class CatalogueService implements HttpService {

    private final CatalogueRepository catalogue;

    public CatalogueService(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/categories", this::listCategories)
                .get("/districts", this::listDistricts);
    }

    private void listCategories(ServerRequest req, ServerResponse res) {
        String locale = Locales.of(req);
        res.header(HeaderNames.CONTENT_LANGUAGE, locale);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header(HeaderNames.VARY, "Accept-Language");
        res.send(catalogue.categories(locale));
    }

    private void listDistricts(ServerRequest req, ServerResponse res) {
        String locale = Locales.of(req);
        res.header(HeaderNames.CONTENT_LANGUAGE, locale);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header(HeaderNames.VARY, "Accept-Language");
        res.send(catalogue.districts(locale));
    }
}
