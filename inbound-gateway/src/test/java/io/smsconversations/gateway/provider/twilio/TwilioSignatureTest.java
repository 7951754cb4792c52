package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.smsconversations.gateway.webhook.FormParameters;

/**
 * The validator against Twilio's published examples: a test that only signs with the same code it verifies with
 * would pass for any home-made scheme.
 */
class TwilioSignatureTest {

    // The example of Twilio's security documentation and of the SDKs' RequestValidator tests (twilio-java,
    // twilio-csharp, twilio-node): auth token 12345, a URL with a query string, five POST parameters.
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String SDK_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static FormParameters sdkParams(String caller) {
        // Deliberately not in name order: sorting is the validator's job.
        return FormParameters.of(List.of(
                Map.entry("Digits", "1234"),
                Map.entry("CallSid", "CA1234567890ABCDE"),
                Map.entry("To", "+18005551212"),
                Map.entry("Caller", caller),
                Map.entry("From", caller)));
    }

    @Test
    void matchesTheSdkTestVector() {
        assertThat(TwilioSignature.compute(TOKEN, URL, sdkParams("+14158675309"))).isEqualTo(SDK_SIGNATURE);
        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675309"), SDK_SIGNATURE)).isTrue();
    }

    @Test
    void matchesTheExampleOfTwiliosSecurityDocumentation() {
        // The current docs use +12349013030 for Caller and From, with the same token, URL and other parameters.
        assertThat(TwilioSignature.compute(TOKEN, URL, sdkParams("+12349013030")))
                .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void signsTheTextTwilioDescribes() {
        assertThat(TwilioSignature.signedText(URL, sdkParams("+14158675309"))).isEqualTo(URL
                + "CallSidCA1234567890ABCDE" + "Caller+14158675309" + "Digits1234" + "From+14158675309"
                + "To+18005551212");
    }

    @Test
    void verifiesParametersAsDecodedFromTheFormBody() {
        // '+' travels as %2B; a literal '+' in a form body would be a space.
        FormParameters parsed = FormParameters.parse("Digits=1234&CallSid=CA1234567890ABCDE&To=%2B18005551212"
                + "&Caller=%2B14158675309&From=%2B14158675309");

        assertThat(TwilioSignature.matches(TOKEN, URL, parsed, SDK_SIGNATURE)).isTrue();
    }

    // The SDKs' vectors for the same request and parameters signed over other spellings of the URL (twilio-node,
    // twilio-python, twilio-csharp, twilio-php, twilio-ruby RequestValidator tests).
    private static final String SIGNED_WITH_443 = "kvajT1Ptam85bY51eRf/AJRuM3w=";
    private static final String HTTP_SIGNED_WITH_80 = "0ZXoZLH/DfblKGATFgpif+LLRf4=";
    private static final String HTTP_SIGNED_WITH_1234 = "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=";

    @Test
    void aSignatureOverTheUrlWithTheDefaultPortValidatesTheUrlWithout() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignature.compute(TOKEN, withPort, sdkParams("+14158675309"))).isEqualTo(SIGNED_WITH_443);

        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675309"), SIGNED_WITH_443)).isTrue();
        assertThat(TwilioSignature.matches(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2",
                sdkParams("+14158675309"), HTTP_SIGNED_WITH_80)).isTrue();
    }

    @Test
    void aSignatureOverTheUrlWithoutThePortValidatesTheUrlWithTheDefaultPort() {
        assertThat(TwilioSignature.matches(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                sdkParams("+14158675309"), SDK_SIGNATURE)).isTrue();
        assertThat(TwilioSignature.matches(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2",
                sdkParams("+14158675309"), TwilioSignature.compute(TOKEN,
                        "http://mycompany.com/myapp.php?foo=1&bar=2", sdkParams("+14158675309")))).isTrue();
    }

    @Test
    void anotherPortIsAnotherUrl() {
        FormParameters params = sdkParams("+14158675309");
        String withCustomPort = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignature.matches(TOKEN, withCustomPort, params, HTTP_SIGNED_WITH_1234)).as("as written")
                .isTrue();
        // The SDKs also accept the URL with any port removed; here only the default port is the same endpoint.
        assertThat(TwilioSignature.matches(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", params,
                HTTP_SIGNED_WITH_1234)).as("custom-port signature, no port configured").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2", params,
                HTTP_SIGNED_WITH_1234)).as("custom-port signature, default port configured").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", params,
                SDK_SIGNATURE)).as("signature without port, other port configured").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", params,
                SIGNED_WITH_443)).as("signature with 443, other port configured").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", params,
                SIGNED_WITH_443)).as("https's default port is not http's").isFalse();
    }

    @Test
    void refusesAnyChange() {
        FormParameters params = sdkParams("+14158675309");
        assertThat(TwilioSignature.matches("54321", URL, params, SDK_SIGNATURE)).as("other token").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", params,
                SDK_SIGNATURE)).as("other query").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "https://mycompany.com/myapp.php", params, SDK_SIGNATURE))
                .as("query left out").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675300"), SDK_SIGNATURE))
                .as("other value").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, with(params, "Body", "hi"), SDK_SIGNATURE))
                .as("parameter added").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, params, "NOT" + SDK_SIGNATURE)).as("other length").isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, params, "SSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .as("one character off").isFalse();
    }

    @Test
    void refusesAMissingSignature() {
        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675309"), null)).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675309"), "")).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, sdkParams("+14158675309"), "  ")).isFalse();
    }

    @Test
    void signsEveryValueOfARepeatedParameterInValueOrder() throws Exception {
        String url = "https://sms.example.com/webhooks/twilio/messages";
        FormParameters repeated = FormParameters.of(List.of(
                Map.entry("MessageSid", "SM1"),
                Map.entry("Tag", "zeta"),
                Map.entry("Body", "hello"),
                Map.entry("Tag", "alpha")));
        // Computed here with the JDK alone, from the rule: names sorted, each value of a name sorted.
        String expected = hmacSha1Base64(TOKEN, url + "Bodyhello" + "MessageSidSM1" + "Tagalpha" + "Tagzeta");

        assertThat(TwilioSignature.compute(TOKEN, url, repeated)).isEqualTo(expected);
        FormParameters otherOrder = FormParameters.of(List.of(
                Map.entry("Tag", "alpha"),
                Map.entry("Body", "hello"),
                Map.entry("Tag", "zeta"),
                Map.entry("MessageSid", "SM1")));
        assertThat(TwilioSignature.matches(TOKEN, url, otherOrder, expected)).isTrue();
        FormParameters oneValueOnly = FormParameters.of(List.of(
                Map.entry("MessageSid", "SM1"),
                Map.entry("Tag", "zeta"),
                Map.entry("Body", "hello")));
        assertThat(TwilioSignature.matches(TOKEN, url, oneValueOnly, expected)).as("a value dropped").isFalse();
    }

    @Test
    void signsUnicodeAsUtf8() throws Exception {
        String url = "https://sms.example.com/webhooks/twilio/messages";
        FormParameters params = FormParameters.parse("Body=Ciao+%C3%A8+%F0%9F%91%8B&MessageSid=SM2");

        assertThat(TwilioSignature.compute(TOKEN, url, params))
                .isEqualTo(hmacSha1Base64(TOKEN, url + "Body" + "Ciao \u00e8 \ud83d\udc4b" + "MessageSidSM2"));
    }

    private static FormParameters with(FormParameters params, String name, String value) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        params.byName().forEach((n, values) -> values.forEach(v -> pairs.add(Map.entry(n, v))));
        pairs.add(Map.entry(name, value));
        return FormParameters.of(pairs);
    }

    private static String hmacSha1Base64(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
