package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;
import org.opencity.backend.config.SmsSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** In demo mode without an SMS provider, codes are readable on /dev/sms; otherwise that page does not exist. */
class DevSmsPageTest {

    @Test
    void aDemoWithoutAnSmsProviderShowsCodesOnTheDevelopmentPage() {
        try (TestApp app = TestApp.start(true, s -> s.withDemo(true).withSms(new SmsSettings(Optional.empty(), "", "OpenCity")))) {
            HttpResponse<String> sent = app.post("/api/v1/auth/otp", Map.of("phone", "+7 900 000-00-03", "locale", "en"));
            assertThat(sent.statusCode()).isEqualTo(202);
            HttpResponse<String> page = app.get("/dev/sms");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            Matcher code = Pattern.compile("sign-in code: (\\d{6})").matcher(page.body());
            assertThat(code.find()).isTrue();
            assertThat(page.body()).contains("+79000000003");
            HttpResponse<String> session = app.post("/api/v1/auth/otp/verify", Map.of(
                    "challengeId", TestApp.json(sent).get("challengeId").asText(), "code", code.group(1),
                    "device", TestApp.device(UUID.randomUUID())));
            assertThat(session.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutDemoModeThereIsNoDevelopmentPage() {
        try (TestApp app = TestApp.start(true)) {
            assertThat(app.get("/dev/sms").statusCode()).isEqualTo(404);
        }
    }
}
