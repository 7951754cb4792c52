package io.smsconversations.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP basic credentials a provider's callback carries (Infobip's notifyUrl, LINK Mobility's gates). */
public final class BasicAuth {

    private static final String SCHEME = "Basic ";

    private BasicAuth() {
    }

    /** Whether {@code authorization} is a basic-auth header at all. */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * The password of a basic-auth header for {@code user}; empty when the header is not basic auth, does not decode,
     * or names another user, so the caller's constant-time comparison never matches.
     */
    public static String passwordFor(String authorization, String user) {
        if (!isBasic(authorization)) {
            return "";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(user)) {
            return "";
        }
        return decoded.substring(colon + 1);
    }
}
