package io.smsconversations.gateway.provider.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smsconversations.gateway.webhook.FormParameters;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): the full URL Twilio called (scheme, host, path, query
 * string), followed by every POST parameter sorted by name, each written as name then value with no separator,
 * HMAC-SHA1 keyed with the account's auth token, base64-encoded.
 * <p>
 * A name sent more than once contributes each of its distinct values, in ascending order, as Twilio's own SDKs
 * (twilio-node, twilio-python) do, so the result does not depend on the order repeated values arrived in.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private static final String HMAC_SHA1 = "HmacSHA1";

    private TwilioSignature() {
    }

    /** The signature Twilio would send for a POST of {@code parameters} to {@code url}. */
    public static String compute(String authToken, String url, FormParameters parameters) {
        return Base64.getEncoder().encodeToString(hmacSha1(authToken, signedText(url, parameters)));
    }

    /**
     * Whether {@code signature} is the one Twilio would send for {@code url} or for its other spelling with or without
     * the scheme's default port ({@link DefaultPort}): Twilio signs either, so its SDKs accept both. The comparison
     * takes the same time wherever the strings differ, so an attacker cannot find a valid signature byte by byte
     * from response times.
     */
    public static boolean matches(String authToken, String url, FormParameters parameters, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean matches = false;
        for (String spelling : spellings(url)) {
            matches |= MessageDigest.isEqual(compute(authToken, spelling, parameters)
                    .getBytes(StandardCharsets.US_ASCII), given);
        }
        return matches;
    }

    /**
     * The JSON-body variant: Twilio signs the URL alone (no parameters appended), and the URL carries
     * {@code bodySHA256}, the hex SHA-256 of the raw body, so the body is covered through the URL. Both must match;
     * the URL, as for forms, with or without the default port.
     */
    public static boolean matchesJsonBody(String authToken, String url, String body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        String declared = bodySha256(url);
        if (declared == null) {
            return false;
        }
        boolean urlSigned = matches(authToken, url, FormParameters.of(List.of()), signature);
        byte[] actualHash = sha256Hex(body == null ? "" : body).getBytes(StandardCharsets.US_ASCII);
        boolean bodyMatches = MessageDigest.isEqual(actualHash,
                declared.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return urlSigned & bodyMatches;
    }

    /** {@code url} as given first, then its spelling with or without the default port, when it has one. */
    static List<String> spellings(String url) {
        return DefaultPort.otherSpelling(url).map(other -> List.of(url, other)).orElseGet(() -> List.of(url));
    }

    /** The {@code bodySHA256} query parameter of {@code url}, or null when it has none. */
    public static String bodySha256(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith("bodySHA256=")) {
                return pair.substring("bodySHA256=".length());
            }
        }
        return null;
    }

    static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The text that is signed: the URL, then name + value of each parameter, names sorted. */
    static String signedText(String url, FormParameters parameters) {
        StringBuilder text = new StringBuilder(url);
        for (Map.Entry<String, List<String>> parameter : parameters.byName().entrySet()) {
            parameter.getValue().stream().distinct().sorted()
                    .forEach(value -> text.append(parameter.getKey()).append(value));
        }
        return text.toString();
    }

    private static byte[] hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // HmacSHA1 is a mandatory JCA algorithm: this cannot happen on a conforming JVM.
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
