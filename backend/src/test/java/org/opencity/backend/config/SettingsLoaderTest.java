package org.opencity.backend.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {

    @Test
    void defaultsRunTheEmbeddedDatabaseInDataWithTheDemoCityOnlyOnALoopbackHost() {
        Settings s = SettingsLoader.load(Map.of("HOST", "127.0.0.1"));
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.embeddedDatabase()).isTrue();
        assertThat(s.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(s.photos()).isEqualTo(Path.of("./data/photos"));
        assertThat(s.demo()).isTrue();
        assertThat(s.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void demoModeIsNeverImpliedForAnAddressOthersCanReach() {
        assertThat(SettingsLoader.load(Map.of()).demo()).as("the default HOST, 0.0.0.0").isFalse();
        assertThat(SettingsLoader.load(Map.of("HOST", "0.0.0.0", "DEMO", "auto")).demo()).isFalse();
        assertThat(SettingsLoader.load(Map.of("HOST", "192.0.2.1")).demo()).isFalse();
        assertThat(SettingsLoader.load(Map.of("HOST", "localhost")).demo()).isTrue();
        assertThat(SettingsLoader.load(Map.of("HOST", "::1")).demo()).isTrue();
        assertThat(SettingsLoader.load(Map.of("HOST", "0.0.0.0", "DEMO", "true")).demo()).as("asked for").isTrue();
        assertThat(SettingsLoader.load(Map.of("HOST", "127.0.0.1", "DB_URL", "jdbc:postgresql://db/city")).demo()).isFalse();
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        Settings s = SettingsLoader.load(Map.of("PORT", "9191", "DB_URL", "jdbc:postgresql://db:5432/city",
                                                "DB_USER", "city", "DB_PASSWORD", "secret", "DATA_DIR", "/var/lib/oc",
                                                "DB_STATEMENT_TIMEOUT", "20", "PHOTO_DIR", "/mnt/shared/photos"));
        assertThat(s.port()).isEqualTo(9191);
        assertThat(s.dbUrl()).contains("jdbc:postgresql://db:5432/city");
        assertThat(s.dbUser()).isEqualTo("city");
        assertThat(s.dbPassword()).isEqualTo("secret");
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/oc"));
        assertThat(s.photos()).isEqualTo(Path.of("/mnt/shared/photos"));
        assertThat(s.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.server().get("port").asInt().get()).isEqualTo(9191);
    }

    @Test
    void anExternalDatabaseIsNeverSeededUnlessDemoIsAskedFor() {
        assertThat(SettingsLoader.load(Map.of("DB_URL", "jdbc:postgresql://db/city")).demo()).isFalse();
        assertThat(SettingsLoader.load(Map.of("DB_URL", "jdbc:postgresql://db/city", "DEMO", "true")).demo()).isTrue();
        assertThat(SettingsLoader.load(Map.of("DEMO", "false")).demo()).isFalse();
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("DB_URL", "jdbc:mysql://db/city")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DB_URL");
    }

    @Test
    void anUnknownDemoValueIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("DEMO", "perhaps")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEMO");
    }

    @Test
    void pushProvidersAreOptionalAndTheirCredentialsAreCheckedAtStart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(SettingsLoader.load(Map.of()).push()).isEqualTo(PushSettings.none());
        Path json = java.nio.file.Files.writeString(dir.resolve("firebase.json"), "{}");
        Path p8 = java.nio.file.Files.writeString(dir.resolve("AuthKey.p8"), "key");
        PushSettings push = SettingsLoader.load(Map.of("GOOGLE_APPLICATION_CREDENTIALS", json.toString(), "APNS_KEY_FILE", p8.toString(),
                                                       "APNS_KEY_ID", "ABC123DEFG", "APNS_TEAM_ID", "TEAM123456",
                                                       "APNS_TOPIC", "org.opencity.app", "APNS_SANDBOX", "true")).push();
        assertThat(push.firebaseCredentials()).contains(json);
        assertThat(push.apns()).contains(new PushSettings.Apns(p8, "ABC123DEFG", "TEAM123456", "org.opencity.app", true));
        Path ours = java.nio.file.Files.writeString(dir.resolve("opencity-firebase.json"), "{}");
        assertThat(SettingsLoader.load(Map.of("GOOGLE_APPLICATION_CREDENTIALS", json.toString(), "FIREBASE_CREDENTIALS", ours.toString()))
                           .push().firebaseCredentials()).as("our own variable wins").contains(ours);
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("FIREBASE_CREDENTIALS", dir.resolve("missing.json").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FIREBASE_CREDENTIALS");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("APNS_KEY_FILE", p8.toString(), "APNS_TEAM_ID", "TEAM123456",
                                                            "APNS_TOPIC", "org.opencity.app")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("APNS_KEY_ID");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("APNS_KEY_FILE", p8.toString(), "APNS_KEY_ID", "ABC123DEFG",
                                                            "APNS_TEAM_ID", "TEAM123456", "APNS_TOPIC", "org.opencity.app",
                                                            "APNS_SANDBOX", "perhaps")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("APNS_SANDBOX");
    }

    @Test
    void anUnreadableConfigFileIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("CONFIG_FILE", "/nonexistent/opencity.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONFIG_FILE");
    }

    @Test
    void aPublicUrlIsAnAddressWithoutATrailingSlashOrRefused() {
        assertThat(SettingsLoader.load(Map.of()).publicUrl()).isEmpty();
        assertThat(SettingsLoader.load(Map.of("PUBLIC_URL", "https://city.example/")).publicUrl().orElseThrow())
                .hasToString("https://city.example");
        assertThat(SettingsLoader.load(Map.of("PUBLIC_URL", "http://10.0.0.5:8080/oc")).publicUrl().orElseThrow())
                .hasToString("http://10.0.0.5:8080/oc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(Map.of("PUBLIC_URL", "city.example")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PUBLIC_URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(Map.of("PUBLIC_URL", "https://a.example/<x>")))
                .isInstanceOf(ConfigException.class);
    }
}
