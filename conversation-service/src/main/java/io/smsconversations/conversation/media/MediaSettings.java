package io.smsconversations.conversation.media;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where this service fetches MMS media ({@code conversation.media.*}): inbound-gateway's internal media endpoint,
 * which alone holds the providers' URLs and credentials, and the secret both sign and check requests with.
 */
@ConfigMapping(prefix = "conversation.media")
public interface MediaSettings {

    /** inbound-gateway's base URL as this service reaches it (in a cluster its Service, never the Ingress). */
    @WithDefault("http://127.0.0.1:8081")
    String gatewayUrl();

    /**
     * The secret shared with the gateway ({@code gateway.media.signing-secret}); from
     * {@code CONVERSATION_MEDIA_SIGNING_SECRET}. Unset: media cannot be fetched (503), history still lists it.
     */
    Optional<String> signingSecret();

    /** How long a signed request stays valid; the gateway refuses more than its own maximum (5 min). */
    @WithDefault("60s")
    Duration signatureValidity();

    /** Connecting to the gateway and getting its answer's head; the gateway itself waits for the provider. */
    @WithDefault("15s")
    Duration responseTimeout();

    /** The longest the body may stall between two chunks. */
    @WithDefault("15s")
    Duration idleTimeout();
}
