package io.smsconversations.gateway.media;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smsconversations.gateway.webhook.WebhookProvider;
import io.smsconversations.gateway.webhook.WebhookSecret;
import io.smsconversations.gateway.webhook.WebhookSecretRules;

/**
 * Refuses to start with the media endpoint on and a signing secret anyone could know (unset, a CHANGE-ME placeholder,
 * or in a packaged run a local-* default): the same rules as the webhooks' secrets, since whoever holds it can make the
 * gateway fetch any stored item with the providers' credentials.
 */
@Singleton
public class MediaStartupCheck {

    private final MediaConfig config;

    MediaStartupCheck(MediaConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems(config.enabled(), config.signingSecret(),
                LaunchMode.current() == LaunchMode.NORMAL);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". Set the secret (the same in conversation-service), or disable the media endpoint.");
        }
    }

    static List<String> problems(boolean enabled, Optional<String> secret, boolean production) {
        WebhookSecret signing = new WebhookSecret("gateway.media.signing-secret", "GATEWAY_MEDIA_SIGNING_SECRET",
                secret);
        return WebhookSecretRules.problems(List.of(new WebhookProvider() {
            @Override
            public String name() {
                return "media";
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public List<WebhookSecret> secrets() {
                return List.of(signing);
            }
        }), production);
    }
}
