package org.opencity.backend.config;

import org.opencity.model.Role;

import java.time.Duration;
import java.util.Set;

/**
 * Sign-in and session policy.
 *
 * @param accessTokenTtl       lifetime of an access token
 * @param refreshIdle          a refresh token unused this long lapses
 * @param sessionMax           a sign-in ends after this long however often it is refreshed
 * @param refreshReuseGrace    a just-spent refresh token presented again within this window (a lost
 *                             response) gets a new pair instead of revoking the session
 * @param otpTtl               lifetime of an SMS code
 * @param otpMaxAttempts       wrong guesses that burn a code
 * @param otpPerPhone15Min     codes one phone number may receive in 15 minutes
 * @param otpPerPhoneDay       ... and in 24 hours
 * @param otpPerIpHour         codes one IP address may request in an hour
 * @param loginMaxFailures     failed sign-ins of one login before each further one delays the next
 *                             attempt (an address gets four times as many)
 * @param loginLockout         the longest such delay
 * @param totpRequiredRoles    roles that must use two-factor sign-in
 * @param hashingConcurrency   password hashes computed at once (each ~19 MiB)
 */
public record AuthSettings(Duration accessTokenTtl, Duration refreshIdle, Duration sessionMax, Duration refreshReuseGrace,
                           Duration otpTtl, int otpMaxAttempts, int otpPerPhone15Min, int otpPerPhoneDay,
                           int otpPerIpHour, int loginMaxFailures, Duration loginLockout, Set<Role> totpRequiredRoles,
                           int hashingConcurrency) {
    public AuthSettings {
        totpRequiredRoles = Set.copyOf(totpRequiredRoles);
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || refreshIdle.compareTo(accessTokenTtl) < 0) {
            throw new ConfigException("auth: the refresh token must outlive the access token");
        }
    }
}
