package io.smsconversations.benchmarks.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer replies as Twilio posts them: the form body and its {@code X-Twilio-Signature} (HMAC-SHA1 of the URL
 * followed by the parameters sorted by name, base64), written from Twilio's documentation like the end-to-end tests'
 * signer, so a gateway whose validator drifted would answer 403 here and show up as errors.
 */
public final class TwilioWebhooks {

    private final String url;
    private final Mac mac;

    public TwilioWebhooks(String url, String authToken) {
        this.url = url;
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA1 on this JVM", e);
        }
    }

    /** One signed inbound SMS; a new {@code messageSid} each time makes each a new message for the suite. */
    public Signed inbound(String messageSid, String from, String to, String body) {
        Map<String, String> params = new TreeMap<>(Map.of(
                "AccountSid", "AC0000000000000000000000000000bench",
                "MessageSid", messageSid,
                "From", from,
                "To", to,
                "Body", body,
                "NumMedia", "0",
                "NumSegments", "1"));
        StringBuilder signed = new StringBuilder(url);
        StringJoiner form = new StringJoiner("&");
        params.forEach((name, value) -> {
            signed.append(name).append(value);
            form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        return new Signed(signature, form.toString());
    }

    public String url() {
        return url;
    }

    /** The header value and the body of one request. */
    public record Signed(String signature, String form) {
    }
}
