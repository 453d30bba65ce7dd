package org.opencity.backend.accounts;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.WebCookies;
import org.opencity.model.Platform;
import org.opencity.model.auth.OtpStart;
import org.opencity.model.auth.OtpVerify;
import org.opencity.model.auth.PasswordLogin;
import org.opencity.model.auth.RefreshTokens;
import org.opencity.model.auth.Session;
import org.opencity.model.auth.WebSession;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Sign-in, token refresh and sign-out: {@code /api/v1/auth}. */
public final class AuthService implements HttpService {

    private final OtpSignIn otp;
    private final PasswordSignIn passwords;
    private final Sessions sessions;
    private final Clock clock;

    public AuthService(OtpSignIn otp, PasswordSignIn passwords, Sessions sessions, Clock clock) {
        this.otp = otp;
        this.passwords = passwords;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/otp", this::startOtp)
                .post("/otp/verify", this::verifyOtp)
                .post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", this::logout)
                .post("/web/login", this::webLogin)
                .post("/web/refresh", this::webRefresh)
                .post("/web/logout", this::webLogout);
    }

    private void startOtp(ServerRequest req, ServerResponse res) {
        OtpStart body = req.content().as(OtpStart.class);
        String locale = body.locale() != null && Locales.SUPPORTED.contains(body.locale()) ? body.locale() : Locales.of(req);
        res.status(Status.ACCEPTED_202).send(otp.start(body.phone(), locale, ClientAddress.of(req)));
    }

    private void verifyOtp(ServerRequest req, ServerResponse res) {
        OtpVerify body = req.content().as(OtpVerify.class);
        res.send(otp.verify(body.challengeId(), body.code(), body.device(), ClientAddress.of(req)));
    }

    private void login(ServerRequest req, ServerResponse res) {
        res.send(passwords.login(req.content().as(PasswordLogin.class), ClientAddress.of(req)));
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        RefreshTokens body = req.content().as(RefreshTokens.class);
        if (body.refreshToken() == null) {
            throw ValidationFailed.of("refreshToken", "required", "the refresh token is required");
        }
        res.send(sessions.refresh(body.refreshToken(), Optional.ofNullable(body.deviceId()), ClientAddress.of(req)));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        sessions.close(Callers.required(req), ClientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Staff sign-in from the web view: the same checks, the tokens in cookies (see {@link WebCookies}). */
    private void webLogin(ServerRequest req, ServerResponse res) {
        PasswordLogin body = req.content().as(PasswordLogin.class);
        if (body.device().platform() != Platform.WEB) {
            throw ValidationFailed.of("device.platform", "web-only", "the web sign-in is for platform WEB");
        }
        res.send(web(res, passwords.login(body, ClientAddress.of(req))));
    }

    private void webRefresh(ServerRequest req, ServerResponse res) {
        String token = WebCookies.refresh(req).orElseThrow(() -> new Unauthorized("no web session; sign in", "/problems/token-invalid"));
        Optional<UUID> family = sessions.familyOf(token);
        if (family.isEmpty()) {
            WebCookies.clear(res);
            throw new Unauthorized("the session has ended; sign in again");
        }
        requireCsrf(req, family.get());
        try {
            res.send(web(res, sessions.refresh(token, WebCookies.device(req), ClientAddress.of(req))));
        } catch (Unauthorized refused) {
            WebCookies.clear(res);
            throw refused;
        }
    }

    private void webLogout(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = Callers.of(req);
        Optional<UUID> family = caller.map(Caller::familyId).or(() -> WebCookies.refresh(req).flatMap(sessions::familyOf));
        // without a session there is nothing to end, and only the cookies are cleared
        family.ifPresent(f -> requireCsrf(req, f));
        caller.ifPresent(c -> sessions.close(c, ClientAddress.of(req)));
        WebCookies.clear(res);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void requireCsrf(ServerRequest req, UUID family) {
        if (!WebCookies.csrfMatches(req, sessions.csrf(), family)) {
            throw new Forbidden("send the " + WebCookies.CSRF_HEADER + " header with the value of the " + WebCookies.CSRF + " cookie",
                                "/problems/csrf");
        }
    }

    private WebSession web(ServerResponse res, Session session) {
        UUID family = sessions.familyOf(session.accessToken()).orElseThrow();
        WebCookies.issue(res, session, sessions.csrf().issue(family), clock);
        return new WebSession(session.me(), session.accessExpiresAt(), session.refreshExpiresAt());
    }
}
