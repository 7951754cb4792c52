package io.smsconversations.gateway.provider.telesign;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** Telesign's switch and secret, for the enablement filter and the startup check. */
@Singleton
public class TelesignWebhookProvider implements WebhookProvider {

    private final TelesignConfig telesign;

    TelesignWebhookProvider(TelesignConfig telesign) {
        this.telesign = telesign;
    }

    @Override
    public String name() {
        return TelesignCallbacks.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return telesign.enabled();
    }

    /** The API key is the callbacks' signing key: without a real one, anyone could forge them. */
    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.telesign.api-key", "TELESIGN_API_KEY",
                telesign.configuredApiKey()));
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (telesign.customerId().isBlank()) {
            warnings.add("gateway.telesign.customer-id is not set: set TELESIGN_CUSTOMER_ID, or every Telesign send "
                    + "and every TSA-signed callback fails");
        }
        if (!telesign.apiKey().isBlank() && !TelesignSignature.usable(telesign.apiKey())) {
            warnings.add("gateway.telesign.api-key is not base64: Telesign's callbacks cannot be verified with it "
                    + "and are refused");
        }
        return warnings;
    }
}
