package io.smsconversations.gateway.media;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * MMS media ({@code gateway.media.*}): which provider hosts a webhook's media URL may name and a fetch may reach, the
 * bounds of a fetch, and the secret conversation-service signs its media requests with. inbound-gateway/docs/media.md
 * explains each.
 */
@ConfigMapping(prefix = "gateway.media")
public interface MediaConfig {

    /** Whether {@code GET /internal/media/{id}} answers (else 404); the webhooks keep media either way. */
    @WithDefault("false")
    boolean enabled();

    /**
     * The shared secret conversation-service signs each media request with (HMAC-SHA256). Secret; from
     * {@code GATEWAY_MEDIA_SIGNING_SECRET}; refused at start like a webhook secret when unset, a CHANGE-ME
     * placeholder or (in a packaged run) a local-* default.
     */
    @WithName("signing-secret")
    Optional<String> signingSecret();

    /** The longest a signed request may be valid for: an {@code expires} further in the future is refused. */
    @WithDefault("5m")
    Duration maxSignatureAge();

    /** The most bytes one item may have; a longer body is cut off and the answer aborted (never buffered). */
    @WithDefault("5242880")
    long maxBytes();

    /** Connecting to the provider and each hop's answer (status and headers) must take no longer. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** The longest the body may stall between two chunks. */
    @WithDefault("10s")
    Duration idleTimeout();

    /** How many redirects one fetch follows (Twilio answers its API URL with one to its media host). */
    @WithDefault("3")
    int maxRedirects();

    /**
     * The content types the gateway hands out; a provider answer of another type is refused (415 would be the
     * caller's fault, so it is 502). A trailing {@code /*} matches every subtype.
     */
    @WithDefault("image/*,video/*,audio/*,application/pdf,text/vcard,text/x-vcard,text/directory")
    List<String> allowedContentTypes();

    /** Plain http to provider hosts: only for tests against a fake provider on localhost, never in a real run. */
    @WithDefault("false")
    boolean allowPlainHttp();

    /** Per provider (its adapter name): where its media lives. */
    Map<String, ProviderHosts> providers();

    interface ProviderHosts {

        /** Hosts a webhook's media URL may name; the provider's credentials are sent to these only. */
        List<String> urlHosts();

        /** Further hosts a redirect may lead to (the provider's CDN); reached without credentials. */
        Optional<List<String>> redirectHosts();

        /** How many media items one message may carry (Twilio: 10). */
        @WithDefault("10")
        int maxItems();
    }
}
