package org.opencity.mobile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.opencity.model.Problem;
import org.opencity.model.ServiceCategoryView;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The app's view of the backend's JSON API over plain HTTP. Failures come back as
 * {@link BackendException} carrying the server's problem detail when there is one.
 */
public final class BackendClient implements CatalogueSource {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)   // newer servers may add fields
            .build();

    private final URI base;
    private final HttpClient http;

    public BackendClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    @Override
    public List<ServiceCategoryView> categories(String locale) throws BackendException {
        return get("/api/v1/categories?lang=" + locale, new TypeReference<>() { });
    }

    private <T> T get(String path, TypeReference<T> type) throws BackendException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15))
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw new BackendException(problemDetail(response));
            }
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new BackendException("cannot reach " + base + " (" + e.getClass().getSimpleName()
                                               + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted");
        }
    }

    private static String problemDetail(HttpResponse<byte[]> response) {
        try {
            Problem problem = MAPPER.readValue(response.body(), Problem.class);
            return problem.title() + (problem.detail() == null ? "" : ": " + problem.detail());
        } catch (IOException | RuntimeException e) {
            return "HTTP " + response.statusCode();
        }
    }
}
