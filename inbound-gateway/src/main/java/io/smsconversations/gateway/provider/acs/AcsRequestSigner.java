package io.smsconversations.gateway.provider.acs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azure Communication Services' HMAC authentication of a REST call: {@code x-ms-date}, {@code x-ms-content-sha256}
 * (base64 SHA-256 of the body) and {@code Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256
 * &Signature=<base64 HMAC-SHA256(base64-decoded access key, string to sign)>}, where the string to sign is
 * {@code METHOD\npath?query\ndate;host;content-hash} (learn.microsoft.com, "Sign an HTTP request").
 */
public final class AcsRequestSigner {

    /** IMF-fixdate (RFC 7231), two-digit day: what ACS expects in x-ms-date and Repeatability-First-Sent. */
    public static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private AcsRequestSigner() {
    }

    /** The headers to add to a call of {@code method} on {@code url} with {@code body}, signed at {@code now}. */
    public static Map<String, String> headers(String method, URI url, byte[] body, String accessKey, Instant now) {
        String date = HTTP_DATE.format(now);
        String contentHash = Base64.getEncoder().encodeToString(sha256(body));
        String pathAndQuery = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String stringToSign = method.toUpperCase(Locale.ROOT) + "\n" + pathAndQuery + "\n" + date + ";"
                + url.getRawAuthority() + ";" + contentHash;
        String signature = Base64.getEncoder().encodeToString(hmacSha256(Base64.getDecoder().decode(accessKey),
                stringToSign));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-date", date);
        headers.put("x-ms-content-sha256", contentHash);
        headers.put("Authorization",
                "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
        return headers;
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] hmacSha256(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
