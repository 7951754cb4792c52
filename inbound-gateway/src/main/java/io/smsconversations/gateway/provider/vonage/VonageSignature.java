package io.smsconversations.gateway.provider.vonage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vonage's signed webhooks (the {@code sig} parameter of SMS API callbacks). The signed text is every parameter but
 * {@code sig}, sorted by name, each written {@code &name=value} with any {@code &} or {@code =} in the value replaced
 * by {@code _}. The signature is then either the MD5 of that text followed by the secret ({@code md5hash}), or an
 * HMAC of the text keyed with the secret, in hex. Vonage writes HMACs in capitals and MD5 hashes in small letters, so
 * the comparison ignores case.
 */
public final class VonageSignature {

    public static final String PARAMETER = "sig";

    public enum Method {
        md5hash(null), md5("HmacMD5"), sha1("HmacSHA1"), sha256("HmacSHA256"), sha512("HmacSHA512");

        private final String hmac;

        Method(String hmac) {
            this.hmac = hmac;
        }
    }

    private VonageSignature() {
    }

    /** The signature Vonage would send with {@code parameters} ({@code sig} among them is ignored), in lower case. */
    public static String compute(Method method, String secret, Map<String, String> parameters) {
        String text = signedText(parameters);
        try {
            byte[] digest;
            if (method.hmac == null) {
                digest = MessageDigest.getInstance("MD5").digest((text + secret).getBytes(StandardCharsets.UTF_8));
            } else {
                Mac mac = Mac.getInstance(method.hmac);
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), method.hmac));
                digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            // MD5 and these HMACs are mandatory JCA algorithms.
            throw new IllegalStateException(method + " is not available", e);
        }
    }

    /** Whether {@code signature} is what Vonage would send, in constant time and ignoring case. */
    public static boolean matches(Method method, String secret, Map<String, String> parameters, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = compute(method, secret, parameters).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    static String signedText(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (!PARAMETER.equals(name)) {
                text.append('&').append(name).append('=').append(value.replace('&', '_').replace('=', '_'));
            }
        });
        return text.toString();
    }
}
