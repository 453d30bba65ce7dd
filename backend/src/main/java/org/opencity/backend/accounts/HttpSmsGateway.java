package org.opencity.backend.accounts;

import org.opencity.backend.web.Json;
import org.opencity.model.Phones;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends SMS through an HTTP provider: {@code POST <url>} with a JSON body
 * {@code {"to": "+7...", "from": "<sender>", "text": "..."}} and {@code Authorization: Bearer <key>};
 * any 2xx answer means accepted. Most providers take this shape directly or through a small
 * adapter; the README says how to configure it.
 */
public final class HttpSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(HttpSmsGateway.class.getName());
    private final URI url;
    private final String apiKey;
    private final String sender;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpSmsGateway(URI url, String apiKey, String sender) {
        this.url = url;
        this.apiKey = apiKey;
        this.sender = sender;
    }

    @Override
    public Result send(String phoneE164, String text) {
        byte[] body = Json.bytes(Map.of("to", phoneE164, "from", sender, "text", text));
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return new Result.Sent();
            }
            LOG.warning("SMS provider refused a message to " + Phones.mask(phoneE164) + ": HTTP " + response.statusCode());
            return new Result.Failed("provider answered HTTP " + response.statusCode());
        } catch (IOException e) {
            LOG.warning("SMS provider unreachable: " + e.getClass().getSimpleName());
            return new Result.Failed("provider unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
    }
}
