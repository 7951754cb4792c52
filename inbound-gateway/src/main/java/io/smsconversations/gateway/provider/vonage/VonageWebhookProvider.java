package io.smsconversations.gateway.provider.vonage;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** Vonage's switch and secret, for the enablement filter and the startup check. */
@Singleton
public class VonageWebhookProvider implements WebhookProvider {

    private final VonageConfig vonage;

    VonageWebhookProvider(VonageConfig vonage) {
        this.vonage = vonage;
    }

    @Override
    public String name() {
        return VonageRequests.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return vonage.enabled();
    }

    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.vonage.signature-secret", "VONAGE_SIGNATURE_SECRET",
                vonage.configuredSignatureSecret()));
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (vonage.apiSecret().startsWith("local-")) {
            warnings.add("gateway.vonage.api-secret is the local default: set VONAGE_API_KEY and VONAGE_API_SECRET, "
                    + "or every Vonage send fails");
        }
        return warnings;
    }
}
