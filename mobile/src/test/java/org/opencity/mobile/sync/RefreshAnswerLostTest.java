package org.opencity.mobile.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A phone whose token refresh reached the server but whose answer was lost spends the same
 * refresh token again: the backend grants that retry only to the session's own device, so the
 * client must name it, or the technician in the basement is signed out.
 */
@WithApp
class RefreshAnswerLostTest {

    private final TestApp app;

    RefreshAnswerLostTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsRetriedAndTheSessionLives(@TempDir Path folder) throws Exception {
        AtomicBoolean loseNextRefreshAnswer = new AtomicBoolean(true);
        Transport real = new HttpTransport(app.uri("/"));
        Transport lossy = call -> {
            Transport.Reply reply = real.exchange(call);
            if (call.path().equals("/api/v1/auth/refresh") && loseNextRefreshAnswer.getAndSet(false)) {
                throw new IOException("the answer was lost after the server rotated the tokens");
            }
            return reply;
        };
        SyncClient client = new SyncClient(new DurableStore(folder), lossy, Clock.systemUTC(), new Random(7));
        TestApp.Tokens tokens = app.login("vakhitovsky.plumber1", DemoCity.DEMO_PASSWORD, client.deviceId());
        client.signedIn(tokens.access(), tokens.refresh());
        client.syncOnce();

        app.clock().advance(Duration.ofMinutes(20));   // the access token has expired
        assertThatThrownBy(client::syncOnce).isInstanceOf(SyncClient.RetryLater.class);
        assertThat(loseNextRefreshAnswer).isFalse();

        client.syncOnce();   // spends the same refresh token again, naming its device: not signed out
    }
}
