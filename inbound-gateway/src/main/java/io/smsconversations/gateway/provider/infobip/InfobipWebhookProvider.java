package io.smsconversations.gateway.provider.infobip;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** Infobip's switch and secret, for the enablement filter and the startup check. */
@Singleton
public class InfobipWebhookProvider implements WebhookProvider {

    private final InfobipConfig infobip;

    InfobipWebhookProvider(InfobipConfig infobip) {
        this.infobip = infobip;
    }

    @Override
    public String name() {
        return InfobipResults.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return infobip.enabled();
    }

    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.infobip.webhook-secret", "INFOBIP_WEBHOOK_SECRET",
                infobip.configuredWebhookSecret()));
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (infobip.apiKey().startsWith("local-")) {
            warnings.add("gateway.infobip.api-key is the local default: set INFOBIP_API_KEY, or every Infobip send "
                    + "fails");
        }
        return warnings;
    }
}
