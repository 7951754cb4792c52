package io.smsconversations.gateway.provider.linkmobility;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** LINK Mobility's switch and secret, for the enablement filter and the startup check. */
@Singleton
public class LinkMobilityWebhookProvider implements WebhookProvider {

    private final LinkMobilityConfig link;

    LinkMobilityWebhookProvider(LinkMobilityConfig link) {
        this.link = link;
    }

    @Override
    public String name() {
        return LinkMobilityCallbacks.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return link.enabled();
    }

    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.linkmobility.webhook-password", "LINKMOBILITY_WEBHOOK_PASSWORD",
                link.configuredWebhookPassword()));
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (link.apiPassword().startsWith("local-") || link.apiUsername().startsWith("local-")) {
            warnings.add("gateway.linkmobility.api-username/api-password are local defaults: set "
                    + "LINKMOBILITY_API_USERNAME and LINKMOBILITY_API_PASSWORD, or every LINK Mobility send fails");
        }
        if (link.platformPartnerId().startsWith("local-") || link.deliveryReportGate().startsWith("local-")) {
            warnings.add("gateway.linkmobility.platform-partner-id/delivery-report-gate are local defaults: set "
                    + "LINKMOBILITY_PLATFORM_PARTNER_ID and LINKMOBILITY_DELIVERY_REPORT_GATE");
        }
        return warnings;
    }
}
