package org.opencity.mobile.service;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opencity.mobile.sync.DurableStore;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.Transport;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The backend's API for what the app reads or does live (sign-in, the catalogue, nearby requests,
 * buildings, the inbox, photos), over the same transport as sync; calls that need the session go
 * through the sync client, which refreshes it. Errors come back as {@link AppException}s with the
 * server's own explanation.
 */
public final class ApiClient {

    static final ObjectMapper JSON = DurableStore.JSON;

    private final Transport transport;
    private final SyncClient sync;

    public ApiClient(Transport transport, SyncClient sync) {
        this.transport = transport;
        this.sync = sync;
    }

    /** A call without a session. */
    public <T> T publicCall(String method, String path, Object body, JavaType type) throws AppException {
        Transport.Reply reply;
        try {
            reply = transport.exchange(new Transport.Call(method, path, Map.of("Content-Type", "application/json", "Accept",
                                                                               "application/json"), body == null ? null : bytes(body)));
        } catch (IOException e) {
            throw new AppException(AppException.Kind.NETWORK, e.getMessage());
        }
        return read(reply, type);
    }

    /** A call with the session. */
    public <T> T call(String method, String path, Object body, JavaType type) throws AppException {
        Transport.Reply reply;
        try {
            reply = sync.authorized(method, path, body == null ? null : bytes(body));
        } catch (SyncClient.RetryLater e) {
            throw new AppException(AppException.Kind.NETWORK, e.getMessage());
        } catch (SyncClient.SignInRequired e) {
            throw new AppException(AppException.Kind.SIGN_IN, "sign in again");
        }
        return read(reply, type);
    }

    /** Raw bytes with the session (photos). */
    public byte[] bytes(String path) throws AppException {
        try {
            Transport.Reply reply = sync.authorized("GET", path, null);
            if (reply.status() != 200) {
                throw new AppException(AppException.Kind.REFUSED, "HTTP " + reply.status());
            }
            return reply.body();
        } catch (SyncClient.RetryLater e) {
            throw new AppException(AppException.Kind.NETWORK, e.getMessage());
        } catch (SyncClient.SignInRequired e) {
            throw new AppException(AppException.Kind.SIGN_IN, "sign in again");
        }
    }

    public static JavaType type(Class<?> type) {
        return JSON.constructType(type);
    }

    public static JavaType listOf(Class<?> type) {
        return JSON.getTypeFactory().constructCollectionType(java.util.List.class, type);
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T read(Transport.Reply reply, JavaType type) throws AppException {
        if (reply.status() >= 500 || reply.status() == 429) {
            throw new AppException(AppException.Kind.NETWORK, "the server is busy (HTTP " + reply.status() + ")");
        }
        if (reply.status() >= 400) {
            AppException.Kind kind = switch (reply.status()) {
                case 401 -> AppException.Kind.SIGN_IN;
                case 409 -> AppException.Kind.CONFLICT;
                default -> AppException.Kind.REFUSED;
            };
            throw new AppException(kind, problem(reply));
        }
        if (type == null || reply.status() == 204 || reply.body() == null || reply.body().length == 0) {
            return null;
        }
        try {
            return JSON.readValue(reply.body(), type);
        } catch (IOException e) {
            throw new AppException(AppException.Kind.REFUSED, "unexpected answer: " + e.getMessage());
        }
    }

    /** The problem's own words: the first field error, else the detail, else the title. */
    static String problem(Transport.Reply reply) {
        try {
            JsonNode p = JSON.readTree(reply.body());
            JsonNode errors = p.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return errors.get(0).path("message").asText(p.path("detail").asText());
            }
            return p.path("detail").asText(p.path("title").asText("HTTP " + reply.status()));
        } catch (IOException | RuntimeException e) {
            return "HTTP " + reply.status();
        }
    }
}
