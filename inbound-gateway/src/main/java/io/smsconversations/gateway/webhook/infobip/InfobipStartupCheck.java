package io.smsconversations.gateway.webhook.infobip;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Says loudly when a production run still uses the local default secret: anyone could then forge webhooks. */
@Singleton
public class InfobipStartupCheck {

    private static final Logger LOG = Logger.getLogger(InfobipStartupCheck.class);

    @Inject
    InfobipConfig config;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && InfobipConfig.LOCAL_WEBHOOK_SECRET.equals(config.webhookSecret())) {
            LOG.warn("gateway.infobip.webhook-secret is the local default: set INFOBIP_WEBHOOK_SECRET, or forged webhooks are accepted");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && "local-infobip-api-key".equals(config.apiKey())) {
            LOG.warn("gateway.infobip.api-key is the local default: set INFOBIP_API_KEY, or every Infobip send fails");
        }
    }
}
