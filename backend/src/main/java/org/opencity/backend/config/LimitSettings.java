package org.opencity.backend.config;

import java.util.List;

/**
 * Request-rate limits (token buckets, per backend node) and the cross-origin policy.
 *
 * @param perIpPerSecond    sustained requests per second from one address
 * @param perIpBurst        requests one address may send at once
 * @param perUserPerSecond  sustained requests per second of one signed-in user
 * @param perUserBurst      requests one user may send at once
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} (only behind a proxy that sets it)
 * @param corsOrigins       origins allowed to call the API from a browser; empty: same origin only
 */
public record LimitSettings(int perIpPerSecond, int perIpBurst, int perUserPerSecond, int perUserBurst,
                            boolean trustForwardedFor, List<String> corsOrigins) {
    public LimitSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
