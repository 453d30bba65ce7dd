package org.opencity.backend.db;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signals to every backend instance ({@code pg_notify}) about committed changes, sent after the
 * commit and in batches. A {@code NOTIFY} inside the changing transaction would hold PostgreSQL's
 * single notification lock through that transaction's commit and disk flush, so all writing
 * transactions would commit one after another (measured: filings stalled at a few hundred per
 * second, queued on that lock). Here each change's signal is queued once its transaction has
 * committed, and one sender joins whatever is queued into as few {@code pg_notify} calls as
 * possible, signals separated by a line break, each call at most {@value #MAX_PAYLOAD} bytes.
 * <p>
 * A signal is a nudge, never the data: listeners re-read the database. Should signals be lost
 * (the queue full, the database unreachable for the sender, the instance killed between commit
 * and send), the channel gets {@value #LOST} as soon as it can be sent, which tells listeners to
 * re-read everything.
 */
public final class Signals implements AutoCloseable {

    /** PostgreSQL refuses payloads of 8,000 bytes or more. */
    static final int MAX_PAYLOAD = 7_900;
    /** The payload that says "signals were lost on this channel". */
    public static final String LOST = "*";
    static final int QUEUE = 100_000;
    private static final Logger LOG = Logger.getLogger(Signals.class.getName());

    private record Signal(String channel, String payload) {
    }

    private final Transactions tx;
    private final DbClient db;
    private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>(QUEUE);
    private final Set<String> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread sender;
    private volatile boolean running = true;

    public Signals(Transactions tx, DbClient db) {
        this.tx = tx;
        this.db = db;
        this.sender = Thread.ofVirtual().name("opencity-signals").start(this::send);
    }

    /** Sends {@code payload} on {@code channel} once {@code t} has committed (nothing if it rolls back). */
    public void afterCommit(DbTransaction t, String channel, String payload) {
        if (!channel.matches("[a-z_]{1,60}") || payload.length() > 1_000 || !payload.chars().allMatch(c -> c >= ' ' && c < 127)) {
            throw new IllegalArgumentException("a signal is one short line of printable ASCII on a lower-case channel");
        }
        tx.afterCommit(t, () -> {
            if (!queue.offer(new Signal(channel, payload))) {
                lost.add(channel);
            }
        });
    }

    private void send() {
        List<Signal> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Signal first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null && lost.isEmpty()) {
                    continue;
                }
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                }
                publish(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    publish(batch);
                    return;
                }
            }
        }
    }

    /** Sends the batch joined per channel, and the "lost" signal first where signals were lost. */
    private void publish(List<Signal> batch) {
        Map<String, List<String>> calls = new LinkedHashMap<>();
        Set<String> lostNow = new LinkedHashSet<>(lost);
        lost.removeAll(lostNow);
        lostNow.forEach(channel -> calls.computeIfAbsent(channel, c -> new ArrayList<>()).add(LOST));
        Map<String, StringBuilder> open = new LinkedHashMap<>();
        for (Signal s : batch) {
            StringBuilder b = open.computeIfAbsent(s.channel(), c -> new StringBuilder());
            if (!b.isEmpty() && b.length() + 1 + s.payload().length() > MAX_PAYLOAD) {
                calls.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(b.toString());
                b.setLength(0);
            }
            b.append(b.isEmpty() ? "" : "\n").append(s.payload());
        }
        open.forEach((channel, b) -> calls.computeIfAbsent(channel, c -> new ArrayList<>()).add(b.toString()));
        calls.forEach((channel, payloads) -> {
            for (String payload : payloads) {
                try {
                    db.execute().createQuery("SELECT pg_notify(:channel, :payload)").addParam("channel", channel)
                            .addParam("payload", payload).execute().close();
                } catch (RuntimeException e) {
                    lost.add(channel);
                    LOG.log(Level.WARNING, "live signals on " + channel + " were lost; listeners will be told to re-read: "
                            + e.getMessage());
                    return;
                }
            }
        });
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
