package io.smsconversations.gateway.media;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smsconversations.gateway.provider.twilio.TwilioConfig;
import io.smsconversations.gateway.provider.twilio.TwilioInboundMessages;

/**
 * The {@code Authorization} a provider's media host wants. Twilio: basic auth with the account SID and auth token
 * (needed when "Enforce HTTP Auth on Media URLs" is on, harmless otherwise). It is sent to the provider's own media
 * hosts only ({@link MediaPolicy#mayAuthenticate}), never along a redirect to its CDN.
 */
@ApplicationScoped
public class ProviderCredentials {

    private final TwilioConfig twilio;

    ProviderCredentials(TwilioConfig twilio) {
        this.twilio = twilio;
    }

    public Optional<String> authorization(String provider) {
        if (TwilioInboundMessages.PROVIDER.equals(provider)) {
            String pair = twilio.accountSid() + ":" + twilio.authToken();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }
}
