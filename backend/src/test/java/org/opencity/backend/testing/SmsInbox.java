package org.opencity.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.opencity.backend.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS provider on loopback for tests: the backend's real {@code HttpSmsGateway} posts to it
 * over HTTP, and tests read the codes it received. It can also be told to refuse messages.
 */
public final class SmsInbox implements AutoCloseable {

    /** One received message and the API key it came with. */
    public record Message(String to, String from, String text, String authorization) {
    }

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private final HttpServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    public SmsInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/send", exchange -> {
            try (exchange) {
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
                messages.add(new Message(body.path("to").asText(), body.path("from").asText(), body.path("text").asText(),
                                         exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The code in the latest message to this number. */
    public String lastCode(String phone) {
        return lastCodeIfAny(phone).orElseThrow(() -> new AssertionError("no SMS to " + phone + " in " + messages));
    }

    public Optional<String> lastCodeIfAny(String phone) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.to().equals(phone)) {
                Matcher matcher = CODE.matcher(m.text());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** The provider answers 503 to the next {@code count} messages. */
    public void failNext(int count) {
        failNext.set(count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
