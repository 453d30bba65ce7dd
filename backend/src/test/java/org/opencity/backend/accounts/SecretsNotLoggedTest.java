package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line written during sign-ins, failures, refreshes, token reuse and admin work, with
 * the production logging configuration, is free of tokens, codes, passwords and full phone
 * numbers — and so is the stored security log.
 */
class SecretsNotLoggedTest {

    @Test
    void noTokenCodePasswordOrFullPhoneNumberReachesTheLogs() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/logging.properties")) {
            LogManager.getLogManager().readConfiguration(in);
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    lines.add(record.getMessage() + " " + String.valueOf(record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> secrets = new ArrayList<>();
        try (TestApp app = TestApp.start(true)) {
            String phone = "+79171234567";
            secrets.add(phone);
            secrets.add("79171234567");
            TestApp.Tokens resident = app.signInResident(phone);
            secrets.add(app.sms().lastCode(phone));
            secrets.add(resident.access());
            secrets.add(resident.refresh());

            String password = "plumbers-password-9";
            app.database().execute("UPDATE app_user SET password_hash = '"
                                           + new PasswordHasher(PasswordHasher.Params.OWASP, 1).hash(password)
                                           + "' WHERE login = 'plumber'");
            secrets.add(password);
            secrets.add("a-wrong-password-typed");
            app.post("/api/v1/auth/login", Map.of("login", "plumber", "password", "a-wrong-password-typed",
                                                  "device", TestApp.device(UUID.randomUUID())));
            // a password typed into the login field must not be logged either
            app.post("/api/v1/auth/login", Map.of("login", "my-secret-password-in-login", "password", "x",
                                                  "device", TestApp.device(UUID.randomUUID())));
            secrets.add("my-secret-password-in-login");
            TestApp.Tokens plumber = app.login("plumber", password, UUID.randomUUID());
            secrets.add(plumber.access());
            secrets.add(plumber.refresh());
            TestApp.Tokens next = TestApp.tokens(app.post("/api/v1/auth/refresh", Map.of("refreshToken", plumber.refresh())));
            secrets.add(next.access());
            secrets.add(next.refresh());
            app.clock().advance(Duration.ofMinutes(5));
            app.post("/api/v1/auth/refresh", Map.of("refreshToken", plumber.refresh()));   // reuse: revokes the family
            app.get("/api/v1/admin/users", resident);                                       // denied
            TestApp.Tokens admin = app.loginCityAdmin();
            secrets.add(admin.access());
            app.get("/api/v1/admin/security-events", admin);

            String stored = app.database().client().execute()
                    .query("SELECT string_agg(kind || ' ' || CAST(detail AS text) || ' ' || coalesce(ip, ''), '\n') AS all FROM security_event")
                    .findFirst().orElseThrow().column("all").get().toString();
            assertThat(stored).contains("TOKEN_REUSE").contains("ACCESS_DENIED").contains("OTP_SENT");
            for (String secret : secrets) {
                assertThat(stored).as("stored security log").doesNotContain(secret);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("TOKEN_REUSE"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("SIGN_IN_FAILED"));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("log line").doesNotContain(secret);
            }
        }
    }
}
