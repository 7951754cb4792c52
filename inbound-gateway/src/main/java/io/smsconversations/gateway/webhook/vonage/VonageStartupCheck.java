package io.smsconversations.gateway.webhook.vonage;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Says loudly when a production run still uses the local default secret: anyone could then forge webhooks. */
@Singleton
public class VonageStartupCheck {

    private static final Logger LOG = Logger.getLogger(VonageStartupCheck.class);

    @Inject
    VonageConfig config;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && VonageConfig.LOCAL_SIGNATURE_SECRET.equals(config.signatureSecret())) {
            LOG.warn("gateway.vonage.signature-secret is the local default: set VONAGE_SIGNATURE_SECRET, or forged webhooks are accepted");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && "local-vonage-api-secret".equals(config.apiSecret())) {
            LOG.warn("gateway.vonage.api-secret is the local default: set VONAGE_API_KEY and VONAGE_API_SECRET, or every Vonage send fails");
        }
    }
}
