package io.smsconversations.gateway.provider.twilio;

import java.util.Locale;
import java.util.Optional;

/**
 * The other spelling of a URL that reaches the same endpoint: {@code https://host/path} and
 * {@code https://host:443/path} (or {@code :80} for http). Twilio is not consistent about which one it signs, so its
 * SDKs accept both; a different port is a different endpoint and has no other spelling here.
 */
final class DefaultPort {

    private DefaultPort() {
    }

    /**
     * {@code url} with the scheme's default port written out when it has no port, or left out when it has exactly
     * that port; empty for any other port, a scheme other than http/https, or text that is not an absolute URL.
     */
    static Optional<String> otherSpelling(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return Optional.empty();
        }
        String defaultPort = switch (url.substring(0, schemeEnd).toLowerCase(Locale.ROOT)) {
            case "https" -> "443";
            case "http" -> "80";
            default -> null;
        };
        if (defaultPort == null) {
            return Optional.empty();
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(url, authorityStart, "/?#");
        // The host starts after any user:password@ (whose password may itself contain ':').
        int hostStart = Math.max(authorityStart, url.lastIndexOf('@', authorityEnd - 1) + 1);
        String host = url.substring(hostStart, authorityEnd);
        // An IPv6 literal ([::1]) has colons of its own: the port separator is the first ':' after ']'.
        if (host.isEmpty()) {
            return Optional.empty();
        }
        int portSeparator = host.startsWith("[") ? host.indexOf(':', Math.max(0, host.indexOf(']')))
                : host.indexOf(':');
        if (portSeparator < 0) {
            return Optional.of(url.substring(0, authorityEnd) + ":" + defaultPort + url.substring(authorityEnd));
        }
        String port = host.substring(portSeparator + 1);
        if (!port.equals(defaultPort)) {
            return Optional.empty();
        }
        return Optional.of(url.substring(0, hostStart + portSeparator) + url.substring(authorityEnd));
    }

    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
