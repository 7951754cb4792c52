package io.smsconversations.conversation.media;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where inbound-gateway's media endpoint is, asked on every request ({@code conversation.media.gateway-url}); a bean
 * of its own so the tests can point it at a stub gateway on a port chosen at run time.
 */
@ApplicationScoped
public class MediaGatewayAddress {

    private final MediaSettings settings;

    MediaGatewayAddress(MediaSettings settings) {
        this.settings = settings;
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        return settings.gatewayUrl().replaceAll("/+$", "");
    }
}
