package io.smsconversations.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.MediaRequests;

@Tag("fast")
class MediaRequestVerifierTest {

    private static final String SECRET = "shared-media-secret";
    private static final String ID = "0b9f4a39-5d3c-3b0e-9a51-3f7e1d2c4b60";
    private static final Instant NOW = Instant.parse("2026-12-04T04:00:00Z");
    private final MediaRequestVerifier verifier = new MediaRequestVerifier(SECRET, Duration.ofMinutes(5));

    @Test
    void acceptsAFreshSignatureOfThisId() {
        long expires = NOW.getEpochSecond() + 60;

        assertThat(verifier.refusal(ID, Long.toString(expires), MediaRequests.signature(SECRET, ID, expires), NOW))
                .isEmpty();
    }

    @Test
    void refusesUnsignedForgedExpiredAndLongLivedRequests() {
        long expires = NOW.getEpochSecond() + 60;
        String good = MediaRequests.signature(SECRET, ID, expires);

        assertThat(verifier.refusal(ID, null, good, NOW)).contains("The request is not signed: X-Media-Expires and "
                + "X-Media-Signature are required.");
        assertThat(verifier.refusal(ID, "soon", good, NOW))
                .contains("X-Media-Expires is not a number of seconds since the epoch.");
        assertThat(verifier.refusal(ID, Long.toString(expires), MediaRequests.signature("other", ID, expires), NOW))
                .contains("The signature does not match this request.");
        // A signature of one item does not open another, nor does it survive a changed expiry.
        assertThat(verifier.refusal("another-id", Long.toString(expires), good, NOW))
                .contains("The signature does not match this request.");
        assertThat(verifier.refusal(ID, Long.toString(expires + 1), good, NOW))
                .contains("The signature does not match this request.");
        long past = NOW.getEpochSecond() - 1;
        assertThat(verifier.refusal(ID, Long.toString(past), MediaRequests.signature(SECRET, ID, past), NOW))
                .contains("The signed request has expired.");
        long nextYear = NOW.plus(Duration.ofDays(365)).getEpochSecond();
        assertThat(verifier.refusal(ID, Long.toString(nextYear), MediaRequests.signature(SECRET, ID, nextYear), NOW))
                .contains("The signed request is valid for longer than the 300 s the gateway allows.");
    }

    @Test
    void theSigningSecretFollowsTheWebhookSecretRules() {
        assertThat(MediaStartupCheck.problems(true, Optional.empty(), true)).containsExactly(
                "gateway.media.enabled is true but gateway.media.signing-secret (GATEWAY_MEDIA_SIGNING_SECRET) is not set");
        assertThat(MediaStartupCheck.problems(true, Optional.of("CHANGE-ME"), false)).hasSize(1);
        assertThat(MediaStartupCheck.problems(true, Optional.of("local-media-signing-secret"), true)).hasSize(1);
        assertThat(MediaStartupCheck.problems(true, Optional.of("local-media-signing-secret"), false)).isEmpty();
        assertThat(MediaStartupCheck.problems(false, Optional.empty(), true)).isEmpty();
    }
}
