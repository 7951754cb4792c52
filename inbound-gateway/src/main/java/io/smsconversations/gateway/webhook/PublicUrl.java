package io.smsconversations.gateway.webhook;

/**
 * The URL a provider called, as the provider saw it: providers sign that URL, and behind a proxy or an ingress the
 * scheme, host and port this process sees are not the ones the provider used.
 */
public final class PublicUrl {

    private PublicUrl() {
    }

    /**
     * {@code publicBaseUrl} (from configuration, e.g. {@code https://sms.example.com}) joined with the request's path
     * and query string exactly as received, still percent-encoded, since that is the text the provider signed.
     *
     * @param requestUri the request target as received, e.g. {@code /webhooks/twilio/messages?tenant=a}
     */
    public static String of(String publicBaseUrl, String requestUri) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        String target = requestUri == null || requestUri.isEmpty() ? "/" : requestUri;
        if (!target.startsWith("/")) {
            // An absolute-form target (http://host/path?query), which clients send to proxies: keep path and query.
            int afterScheme = target.indexOf("://");
            int pathStart = afterScheme < 0 ? -1 : target.indexOf('/', afterScheme + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        return base + target;
    }
}
