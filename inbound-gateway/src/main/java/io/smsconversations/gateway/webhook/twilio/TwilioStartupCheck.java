package io.smsconversations.gateway.webhook.twilio;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Says loudly when a production run still verifies Twilio's signatures with the local default auth token: anyone who
 * reads this repository could then forge webhooks.
 */
@Singleton
public class TwilioStartupCheck {

    private static final Logger LOG = Logger.getLogger(TwilioStartupCheck.class);

    @Inject
    TwilioConfig twilio;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && TwilioConfig.LOCAL_AUTH_TOKEN.equals(twilio.authToken())) {
            LOG.warn("gateway.twilio.auth-token is the local default: set TWILIO_AUTH_TOKEN to the account's auth "
                    + "token, or every real Twilio webhook is refused and forged ones are accepted");
        }
    }
}
