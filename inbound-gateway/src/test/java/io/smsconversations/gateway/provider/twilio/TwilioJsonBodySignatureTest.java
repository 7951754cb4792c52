package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smsconversations.gateway.webhook.FormParameters;

/** Twilio's published JSON-body vector (twilio-python, twilio-php RequestValidator tests: token 12345). */
class TwilioJsonBodySignatureTest {

    private static final String TOKEN = "12345";
    private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + BODY_HASH;
    private static final String SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4=";

    @Test
    void validatesThePublishedVector() {
        assertThat(TwilioSignature.sha256Hex(BODY)).isEqualTo(BODY_HASH);
        assertThat(TwilioSignature.bodySha256(URL)).isEqualTo(BODY_HASH);
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL, BODY, SIGNATURE)).isTrue();
    }

    @Test
    void refusesATamperedBodyAnotherTokenOrUrlAndNoHash() {
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL, BODY + " ", SIGNATURE)).isFalse();
        assertThat(TwilioSignature.matchesJsonBody("54321", URL, BODY, SIGNATURE)).isFalse();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL.replace("foo=1", "foo=2"), BODY, SIGNATURE)).isFalse();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2", BODY,
                SIGNATURE)).isFalse();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL, BODY, null)).isFalse();
    }

    @Test
    void validatesTheUrlWithAndWithoutTheDefaultPort() {
        String withPort = URL.replace("mycompany.com", "mycompany.com:443");
        String signedWithPort = TwilioSignature.compute(TOKEN, withPort, FormParameters.of(List.of()));

        assertThat(TwilioSignature.matchesJsonBody(TOKEN, withPort, BODY, SIGNATURE)).as("configured with :443")
                .isTrue();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL, BODY, signedWithPort)).as("signed with :443")
                .isTrue();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, withPort, BODY + " ", SIGNATURE)).as("tampered body")
                .isFalse();
        String otherPort = URL.replace("mycompany.com", "mycompany.com:8443");
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, otherPort, BODY, SIGNATURE)).isFalse();
        assertThat(TwilioSignature.matchesJsonBody(TOKEN, URL, BODY,
                TwilioSignature.compute(TOKEN, otherPort, FormParameters.of(List.of())))).isFalse();
    }
}
