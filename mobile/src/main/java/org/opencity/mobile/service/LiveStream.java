package org.opencity.mobile.service;

import org.opencity.mobile.sync.DurableStore;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.Transport;
import org.opencity.model.notify.NotificationView;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The inbox's live stream while the app is open: server-sent events from
 * {@code /api/v1/me/notifications/stream}, one {@code notification} event per new notification.
 * Reconnects with backoff (1 s doubling to 30 s) and {@code Last-Event-ID}, so nothing sent while it
 * was away is skipped; refreshes a refused access token through the sync client; waits quietly
 * while nobody is signed in. Works on every platform — push (native builds) only adds the case of
 * the app being closed.
 */
public final class LiveStream implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveStream.class.getName());
    private static final String PATH = "/api/v1/me/notifications/stream";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Transport transport;
    private final SyncClient sync;
    private final Consumer<NotificationView> onNotification;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Transport.Stream current;
    private volatile boolean connected;
    private String lastEventId;
    /** Ids delivered lately: a reconnect with Last-Event-ID may replay a few, and each is announced once. */
    private final java.util.Set<String> delivered = java.util.Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 500;
        }
    });

    public LiveStream(Transport transport, SyncClient sync, Consumer<NotificationView> onNotification) {
        this.transport = transport;
        this.sync = sync;
        this.onNotification = onNotification;
        this.thread = Thread.ofPlatform().daemon().name("live-stream").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Whether the stream is open right now. */
    public boolean connected() {
        return connected;
    }

    private void run() {
        String refused = null;
        int failures = 0;
        while (running) {
            try {
                String token = sync.accessToken(refused);
                refused = null;
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Bearer " + token);
                headers.put("Accept", "text/event-stream");
                if (lastEventId != null) {
                    headers.put("Last-Event-ID", lastEventId);
                }
                try (Transport.Stream stream = transport.open(new Transport.Call("GET", PATH, headers, null))) {
                    current = stream;
                    if (stream.status() == 401) {
                        refused = token;
                        continue;
                    }
                    if (stream.status() != 200) {
                        throw new IOException("the stream answered " + stream.status());
                    }
                    connected = true;
                    failures = 0;
                    read(stream);
                } finally {
                    connected = false;
                    current = null;
                }
            } catch (SyncClient.SignInRequired e) {
                pause(Duration.ofSeconds(2));
            } catch (SyncClient.RetryLater e) {
                pause(e.delay() == null ? Duration.ofSeconds(5) : e.delay());
            } catch (IOException | RuntimeException e) {
                failures++;
                if (running) {
                    LOG.fine(() -> "live stream dropped (" + e.getMessage() + ")");
                    long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures - 1, 5));
                    pause(Duration.ofSeconds(seconds));
                }
            }
        }
    }

    /** Reads events until the stream ends: {@code id:}, {@code event:}, {@code data:} lines, a blank line ends each. */
    private void read(Transport.Stream stream) throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (running && (line = stream.readLine()) != null) {
            if (line.isEmpty()) {
                if ("notification".equals(event) && !data.isEmpty() && (id == null || delivered.add(id))) {
                    deliver(data.toString());
                }
                if (id != null) {
                    lastEventId = id;
                }
                id = null;
                event = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue;   // a comment: the heartbeat
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
        throw new IOException("the stream ended");
    }

    private void deliver(String json) {
        try {
            onNotification.accept(DurableStore.JSON.readValue(json, NotificationView.class));
        } catch (IOException e) {
            LOG.warning("a notification that could not be read was skipped: " + e.getMessage());
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Transport.Stream open = current;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
    }
}
