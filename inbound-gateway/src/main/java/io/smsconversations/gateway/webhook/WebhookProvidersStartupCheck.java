package io.smsconversations.gateway.webhook;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when a provider is enabled without a real secret: such a gateway would take forged webhooks (a
 * fake START opting a customer back in, fake replies, fake opt-out reports) rather than fail loudly at deployment.
 */
@Singleton
public class WebhookProvidersStartupCheck {

    private static final Logger LOG = Logger.getLogger(WebhookProvidersStartupCheck.class);

    private final List<WebhookProvider> providers;

    WebhookProvidersStartupCheck(@All List<WebhookProvider> providers) {
        // By name, so the log line and the refusal read the same on every start.
        this.providers = providers.stream().sorted(Comparator.comparing(WebhookProvider::name)).toList();
    }

    void onStart(@Observes StartupEvent event) {
        boolean production = LaunchMode.current() == LaunchMode.NORMAL;
        List<String> problems = WebhookSecretRules.problems(providers, production);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". Set the secret, or disable the provider.");
        }
        List<String> served = providers.stream().filter(WebhookProvider::enabled).map(WebhookProvider::name).toList();
        List<String> off = providers.stream().filter(p -> !p.enabled()).map(WebhookProvider::name).toList();
        LOG.infof("Serving the webhooks of %s; not of %s (gateway.<provider>.enabled)",
                served.isEmpty() ? "no provider" : served, off.isEmpty() ? "any other" : off);
        if (production) {
            providers.stream().filter(WebhookProvider::enabled).flatMap(p -> p.warnings().stream()).forEach(LOG::warn);
        }
    }
}
