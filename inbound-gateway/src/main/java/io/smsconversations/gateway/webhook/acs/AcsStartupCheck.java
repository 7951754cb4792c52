package io.smsconversations.gateway.webhook.acs;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Says loudly when a production run still uses the local default secret: anyone could then forge webhooks. */
@Singleton
public class AcsStartupCheck {

    private static final Logger LOG = Logger.getLogger(AcsStartupCheck.class);

    @Inject
    AcsConfig config;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && AcsConfig.LOCAL_WEBHOOK_SECRET.equals(config.webhookSecret())) {
            LOG.warn("gateway.acs.webhook-secret is the local default: set ACS_WEBHOOK_SECRET, or forged webhooks are accepted");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && config.endpoint().contains("local.communication.azure.com")) {
            LOG.warn("gateway.acs.endpoint is the local default: set ACS_ENDPOINT and ACS_ACCESS_KEY, or every ACS send fails");
        }
    }
}
