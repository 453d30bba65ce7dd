package org.opencity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS provider the benchmarked backend sends sign-in codes to ({@code SMS_URL}): it takes the
 * backend's real HTTP provider call and keeps the last code per phone, so that the benchmark can
 * sign residents in the way a phone would.
 */
final class SmsInbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4,8})\\b");
    private final HttpServer server;
    private final Map<String, String> codes = new ConcurrentHashMap<>();

    SmsInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode message = JSON.readTree(in);
                Matcher m = CODE.matcher(message.path("text").asText());
                if (m.find()) {
                    codes.put(message.path("to").asText(), m.group(1));
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    /** Waits for, and takes, the code sent to {@code phone}. */
    String takeCode(String phone, Duration patience) throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < end) {
            String code = codes.remove(phone);
            if (code != null) {
                return code;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no code reached " + phone);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
