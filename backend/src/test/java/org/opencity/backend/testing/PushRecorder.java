package org.opencity.backend.testing;

import org.opencity.backend.notify.PushGateway;
import org.opencity.backend.notify.PushMessage;
import org.opencity.backend.notify.PushOutcome;
import org.opencity.model.notify.PushProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A test double behind the push gateway port (the real ones are FCM and APNs): records every
 * message handed to it, answers what the test scripts (default: accepted), and can be held shut to
 * simulate a provider that does not answer.
 */
public final class PushRecorder implements PushGateway {

    private final List<PushMessage> accepted = new CopyOnWriteArrayList<>();
    private final List<PushMessage> attempts = new CopyOnWriteArrayList<>();
    private volatile Function<PushMessage, PushOutcome> script = m -> new PushOutcome.Sent("sent-" + m.deliveryId());
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public Set<PushProvider> providers() {
        return Set.of(PushProvider.FCM, PushProvider.APNS);
    }

    @Override
    public List<PushOutcome> send(List<PushMessage> messages) {
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (PushMessage m : messages) {
            attempts.add(m);
            PushOutcome outcome = script.apply(m);
            if (outcome instanceof PushOutcome.Sent) {
                accepted.add(m);
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** What the provider answers from now on. */
    public void answer(Function<PushMessage, PushOutcome> script) {
        this.script = script;
    }

    public void acceptAll() {
        answer(m -> new PushOutcome.Sent("sent-" + m.deliveryId()));
    }

    /** Holds every send until {@link #open()} (a provider that hangs). */
    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    /** Messages the provider accepted, in order. */
    public List<PushMessage> accepted() {
        return List.copyOf(accepted);
    }

    /** Every message handed over, accepted or not. */
    public List<PushMessage> attempts() {
        return List.copyOf(attempts);
    }

    public void clear() {
        accepted.clear();
        attempts.clear();
    }

    /** Waits until {@code count} messages matching were accepted; answers them. */
    public List<PushMessage> awaitAccepted(java.util.function.Predicate<PushMessage> which, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<PushMessage> found = accepted.stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " pushes within " + timeout + ", got "
                                         + accepted.stream().filter(which).count() + " of " + accepted.size());
    }
}
