package org.opencity.backend.accounts;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Locales;
import org.opencity.model.auth.OtpStart;
import org.opencity.model.auth.OtpVerify;
import org.opencity.model.auth.PasswordLogin;
import org.opencity.model.auth.RefreshTokens;

/** Sign-in, token refresh and sign-out: {@code /api/v1/auth}. */
public final class AuthService implements HttpService {

    private final OtpSignIn otp;
    private final PasswordSignIn passwords;
    private final Sessions sessions;

    public AuthService(OtpSignIn otp, PasswordSignIn passwords, Sessions sessions) {
        this.otp = otp;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/otp", this::startOtp)
                .post("/otp/verify", this::verifyOtp)
                .post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", this::logout);
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
        res.send(sessions.refresh(body.refreshToken(), ClientAddress.of(req)));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        sessions.close(Callers.required(req), ClientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }
}
