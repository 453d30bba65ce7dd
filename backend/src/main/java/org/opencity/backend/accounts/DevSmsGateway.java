package org.opencity.backend.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Demo-mode SMS: nothing leaves the machine. Messages are logged (codes included — this is why it
 * exists only in demo mode) and kept for the development page {@code /dev/sms}, newest first.
 */
public final class DevSmsGateway implements SmsGateway {

    /** One message as the development page shows it. */
    public record Message(Instant at, String phone, String text) {
    }

    private static final Logger LOG = Logger.getLogger("org.opencity.dev.sms");
    private static final int KEEP = 50;
    private final Deque<Message> messages = new ArrayDeque<>();
    private final Clock clock;

    public DevSmsGateway(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Result send(String phoneE164, String text) {
        messages.addFirst(new Message(clock.instant(), phoneE164, text));
        while (messages.size() > KEEP) {
            messages.removeLast();
        }
        LOG.info("[demo SMS] to " + phoneE164 + ": " + text);
        return new Result.Sent();
    }

    public synchronized List<Message> recent() {
        return List.copyOf(messages);
    }
}
