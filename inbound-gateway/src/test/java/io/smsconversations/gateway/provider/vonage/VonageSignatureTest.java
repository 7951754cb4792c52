package io.smsconversations.gateway.provider.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.smsconversations.gateway.provider.vonage.VonageSignature.Method;

/** Vonage's published vectors (the test suite of Vonage's Ruby SDK, signature_test.rb) and tampering. */
class VonageSignatureTest {

    private static final String SECRET = "my_secret_key_for_testing";
    private static final Map<String, String> PARAMS = Map.of(
            "message-timestamp", "2013-11-21 15:27:30",
            "messageId", "020000001B0FE827",
            "msisdn", "14843472194",
            "text", "Test again",
            "timestamp", "1385047698",
            "to", "13239877404",
            "type", "text");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "md5hash,d2e7b1dc968737c5998ad624e02f90b7",
            "md5,DDEBD46008C2D4E93CCE578A332A52D5",
            "sha1,27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A",
            "sha256,DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330",
            "sha512,E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82" })
    void matchesTheSdkVectors(Method method, String expected) {
        assertThat(VonageSignature.compute(method, SECRET, PARAMS)).isEqualToIgnoringCase(expected);
        Map<String, String> signed = new HashMap<>(PARAMS);
        signed.put("sig", expected);
        // sig itself is not part of what is signed
        assertThat(VonageSignature.matches(method, SECRET, signed, expected)).isTrue();
        assertThat(VonageSignature.matches(method, SECRET, signed, expected.toLowerCase())).isTrue();
        assertThat(VonageSignature.matches(method, "other-secret", signed, expected)).isFalse();
        Map<String, String> tampered = new HashMap<>(signed);
        tampered.put("text", "Test again!");
        assertThat(VonageSignature.matches(method, SECRET, tampered, expected)).isFalse();
        assertThat(VonageSignature.matches(method, SECRET, signed, "xxx")).isFalse();
        assertThat(VonageSignature.matches(method, SECRET, signed, null)).isFalse();
    }

    @Test
    void theSdkTimestampVectorWithSecretSecret() {
        assertThat(VonageSignature.compute(Method.md5hash, "secret",
                Map.of("a", "1", "b", "2", "timestamp", "1461605396")))
                .isEqualTo("6af838ef94998832dbfc29020b564830");
    }

    @Test
    void ampersandsAndEqualsInValuesBecomeUnderscores() {
        // The SDK's vector: {k: _}, {k: &} and {k: =} share one md5hash signature.
        for (String value : new String[] { "_", "&", "=" }) {
            assertThat(VonageSignature.compute(Method.md5hash, SECRET, Map.of("k", value)))
                    .isEqualTo("c3d6a686ab9c7e7408bb1c0506e9629a");
        }
        assertThat(VonageSignature.signedText(Map.of("b", "x=y&z", "a", "1", "sig", "ignored")))
                .isEqualTo("&a=1&b=x_y_z");
    }
}
