package org.opencity.backend.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server-sent-events stream read line by line on a thread of its own. */
public final class EventStream implements AutoCloseable {
    private final java.util.concurrent.BlockingQueue<Map<String, String>> events = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private volatile InputStream body;

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Opens {@code path} of the test's backend with the given header names and values. */
    public EventStream(TestApp app, String path, String... headers) {
        this(app.http(), app.uri(path), headers);
    }

    /** Opens any address (a backend in another process, say). */
    public EventStream(java.net.http.HttpClient http, java.net.URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (headers.length > 0) {
            b.headers(headers);
        }
        response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.thenAccept(r -> {
            body = r.body();
            Thread.ofVirtual().start(this::read);
        });
    }

    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    /** The response's status (once its headers arrived). */
    public int status() throws Exception {
        return response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode();
    }

    /** Whether the server ended the stream within the timeout. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Map<String, String> event = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(":")) {
                    open.countDown();
                } else if (line.isEmpty()) {
                    if (!event.isEmpty()) {
                        events.add(event);
                        event = new HashMap<>();
                    }
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
                    event.merge(field, value, (a, b) -> a + "\n" + b);
                }
            }
        } catch (java.io.IOException e) {
            // closed
        } finally {
            ended.countDown();
        }
    }

    public void awaitOpen() throws InterruptedException {
        assertThat(open.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the stream opened").isTrue();
    }

    public Map<String, String> next(Duration timeout) throws InterruptedException {
        Map<String, String> e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(e).as("an event within " + timeout).isNotNull();
        return e;
    }

    public Map<String, String> maybe(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (java.io.IOException ignored) {
            // closing
        }
        response.cancel(true);
    }
}
