package io.smsconversations.gateway.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where one provider's media may be: the hosts its webhooks' media URLs may name (its credentials go there and nowhere
 * else), the further hosts its redirects may lead to, and how many items a message may carry. Both the webhook (before
 * anything is stored) and the fetch (before each hop) ask it, so a forged or odd URL can neither be kept nor make the
 * gateway call an internal address (SSRF). A host entry {@code *.example.com} matches every subdomain, not the
 * domain itself.
 */
public record MediaPolicy(List<String> urlHosts, List<String> redirectHosts, int maxItems, boolean allowPlainHttp) {

    public MediaPolicy {
        urlHosts = urlHosts.stream().map(MediaPolicy::lower).toList();
        redirectHosts = redirectHosts.stream().map(MediaPolicy::lower).toList();
    }

    /** The policy for {@code provider}; a provider with no hosts configured may carry no media at all. */
    public static MediaPolicy of(MediaConfig config, String provider) {
        MediaConfig.ProviderHosts hosts = config.providers().get(provider);
        if (hosts == null) {
            return new MediaPolicy(List.of(), List.of(), 0, config.allowPlainHttp());
        }
        return new MediaPolicy(hosts.urlHosts(), hosts.redirectHosts().orElse(List.of()), hosts.maxItems(),
                config.allowPlainHttp());
    }

    /**
     * Why {@code url} may not be a webhook's media URL, or empty when it may: an absolute https URL (no user info) to
     * one of {@link #urlHosts}. The reason names the rule and the field, never the URL (it is the provider's).
     */
    public Optional<String> refusal(String field, String url) {
        Optional<URI> uri = parse(url);
        if (uri.isEmpty()) {
            return Optional.of(field + " is not an absolute URL");
        }
        if (!schemeAllowed(uri.get())) {
            return Optional.of(field + " is not an https URL");
        }
        if (!matches(urlHosts, uri.get().getHost())) {
            return Optional.of(field + " is not on the provider's media host (" + String.join(", ", urlHosts) + ")");
        }
        return Optional.empty();
    }

    /** Whether a fetch may go to {@code uri}: a media host or a redirect host, by an allowed scheme. */
    public boolean mayFetch(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null && schemeAllowed(uri)
                && (matches(urlHosts, uri.getHost()) || matches(redirectHosts, uri.getHost()));
    }

    /** Whether the provider's credentials may go to {@code uri}: its own media hosts only, never a CDN. */
    public boolean mayAuthenticate(URI uri) {
        return uri.getHost() != null && matches(urlHosts, uri.getHost());
    }

    static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private boolean schemeAllowed(URI uri) {
        String scheme = lower(uri.getScheme());
        return "https".equals(scheme) || (allowPlainHttp && "http".equals(scheme));
    }

    private static boolean matches(List<String> hosts, String host) {
        String candidate = lower(host);
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? candidate.endsWith(allowed.substring(1)) : candidate.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
