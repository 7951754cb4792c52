package io.smsconversations.gateway.provider.acs;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** Azure Communication Services' switch and secret, for the enablement filter and the startup check. */
@Singleton
public class AcsWebhookProvider implements WebhookProvider {

    private final AcsConfig acs;

    AcsWebhookProvider(AcsConfig acs) {
        this.acs = acs;
    }

    @Override
    public String name() {
        return AcsEvents.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return acs.enabled();
    }

    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.acs.webhook-secret", "ACS_WEBHOOK_SECRET",
                acs.configuredWebhookSecret()));
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (acs.endpoint().contains("local.communication.azure.com")) {
            warnings.add("gateway.acs.endpoint is the local default: set ACS_ENDPOINT and ACS_ACCESS_KEY, or every "
                    + "ACS send fails");
        }
        return warnings;
    }
}
