package io.smsconversations.gateway.provider.twilio;

import java.util.List;

import jakarta.inject.Singleton;

import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;

/** Twilio's switch and secret, for the enablement filter and the startup check. */
@Singleton
public class TwilioWebhookProvider implements WebhookProvider {

    private final TwilioConfig twilio;

    TwilioWebhookProvider(TwilioConfig twilio) {
        this.twilio = twilio;
    }

    @Override
    public String name() {
        return TwilioInboundMessages.PROVIDER;
    }

    @Override
    public boolean enabled() {
        return twilio.enabled();
    }

    @Override
    public List<WebhookSecret> secrets() {
        return List.of(new WebhookSecret("gateway.twilio.auth-token", "TWILIO_AUTH_TOKEN",
                twilio.configuredAuthToken()));
    }
}
