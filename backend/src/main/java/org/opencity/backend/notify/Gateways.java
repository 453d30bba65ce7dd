package org.opencity.backend.notify;

import org.opencity.model.notify.PushProvider;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Several gateways behind one port, each message going to the gateway of its provider. */
public final class Gateways implements PushGateway, AutoCloseable {

    private final Map<PushProvider, PushGateway> byProvider = new EnumMap<>(PushProvider.class);

    public Gateways(List<? extends PushGateway> gateways) {
        for (PushGateway g : gateways) {
            g.providers().forEach(p -> byProvider.put(p, g));
        }
    }

    @Override
    public Set<PushProvider> providers() {
        return byProvider.keySet();
    }

    @Override
    public List<PushOutcome> send(List<PushMessage> messages) {
        PushOutcome[] outcomes = new PushOutcome[messages.size()];
        Map<PushGateway, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            PushGateway g = byProvider.get(messages.get(i).provider());
            if (g == null) {
                outcomes[i] = new PushOutcome.Failed("no gateway for " + messages.get(i).provider() + " is configured");
            } else {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        groups.forEach((gateway, indexes) -> {
            List<PushOutcome> answers = gateway.send(indexes.stream().map(messages::get).toList());
            for (int j = 0; j < indexes.size(); j++) {
                outcomes[indexes.get(j)] = answers.get(j);
            }
        });
        return List.of(outcomes);
    }

    @Override
    public void close() throws Exception {
        for (PushGateway g : Set.copyOf(byProvider.values())) {
            if (g instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
