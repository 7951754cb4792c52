package io.smsconversations.gateway.webhook;

import java.util.List;

/**
 * A provider whose webhooks this gateway can serve: each provider's package declares one bean, so the enablement
 * filter and the startup check know every provider without naming them.
 */
public interface WebhookProvider {

    /** The provider's name: the segment after {@code /webhooks/} in its paths, and the metrics' provider tag. */
    String name();

    /** {@code gateway.<provider>.enabled}: a provider that is not enabled answers 404 and publishes nothing. */
    boolean enabled();

    /** The secrets its webhooks are authenticated with; an enabled provider needs each of them set for real. */
    List<WebhookSecret> secrets();

    /** Settings that are not about the webhooks (the send API's) but still look unconfigured; logged at startup. */
    default List<String> warnings() {
        return List.of();
    }
}
