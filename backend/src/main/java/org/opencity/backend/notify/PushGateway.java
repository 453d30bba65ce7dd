package org.opencity.backend.notify;

import org.opencity.model.notify.PushProvider;

import java.util.List;
import java.util.Set;

/**
 * The port through which pushes leave the backend (FCM, APNs). A gateway answers one outcome per
 * message, in order, and never throws for what a push service is expected to answer (a dead token,
 * a quota, an outage): those are outcomes the sender acts on.
 */
public interface PushGateway {

    /** The providers this gateway reaches; deliveries are only made for tokens of these. */
    Set<PushProvider> providers();

    List<PushOutcome> send(List<PushMessage> messages);
}
