package org.opencity.mobile.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backend over {@link HttpURLConnection}, the HTTP client that Android and GluonFX's iOS
 * builds are known to carry; {@code java.net.http} has failed in GluonFX Android builds
 * (docs/mobile-native.md), so phones use this one and the desktop keeps {@link HttpTransport}.
 */
public final class UrlConnectionTransport implements Transport {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int STREAM_SILENCE_MS = 60_000;

    private final URI base;

    public UrlConnectionTransport(URI base) {
        this.base = base;
    }

    @Override
    public Reply exchange(Call call) throws IOException {
        HttpURLConnection connection = connect(call, READ_TIMEOUT_MS);
        try {
            int status = connection.getResponseCode();
            byte[] body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Reply(status, headers(connection), body);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public Stream open(Call call) throws IOException {
        // the server sends a heartbeat every 25 s: a stream silent for longer than this is dead (a network switch)
        HttpURLConnection connection = connect(call, STREAM_SILENCE_MS);
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        BufferedReader lines = in == null ? null : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        AtomicBoolean closed = new AtomicBoolean();
        return new Stream() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public String readLine() throws IOException {
                if (closed.get() || lines == null) {
                    return null;
                }
                String line = lines.readLine();
                return closed.get() ? null : line;
            }

            /**
             * Returns at once. The JDK's HttpURLConnection drains a chunked response under the
             * reader's lock when disconnected, which can block until the server next writes, so the
             * disconnect runs on a thread of its own; a reader blocked meanwhile gets {@code null}
             * with the next bytes (at the latest the next heartbeat), or at once if it is a virtual
             * thread that is interrupted, as the live stream does. Android's HttpURLConnection
             * closes the socket at once.
             */
            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    Thread.ofPlatform().daemon().name("opencity-stream-close").start(connection::disconnect);
                }
            }
        };
    }

    private HttpURLConnection connect(Call call, int readTimeoutMs) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve(call.path()).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(readTimeoutMs);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(call.method());
        call.headers().forEach(connection::setRequestProperty);
        if (call.body() != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(call.body().length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(call.body());
            }
        } else if (call.method().equals("POST") || call.method().equals("PUT")) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(0);
            connection.getOutputStream().close();
        }
        return connection;
    }

    private static Map<String, String> headers(HttpURLConnection connection) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : connection.getHeaderFields().entrySet()) {
            if (header.getKey() != null) {                 // the status line comes with a null name
                headers.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        return headers;
    }
}
