package io.smsconversations.gateway.webhook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.arc.All;

/**
 * Answers 404 for the webhooks of a provider that is not enabled, before the body is read: a Twilio-only deployment
 * must not accept a forged Vonage callback just because nobody set Vonage's secret.
 */
public class ProviderEnablementFilter {

    private static final String WEBHOOKS = "/webhooks/";

    private final Map<String, WebhookProvider> providers;
    private final WebhookAnswers answers;

    ProviderEnablementFilter(@All List<WebhookProvider> providers, WebhookAnswers answers) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(WebhookProvider::name,
                Function.identity()));
        this.answers = answers;
    }

    @ServerRequestFilter
    public void refuseDisabledProviders(UriInfo uri) {
        String path = uri.getPath();
        if (!path.startsWith(WEBHOOKS)) {
            return;
        }
        int end = path.indexOf('/', WEBHOOKS.length());
        String name = path.substring(WEBHOOKS.length(), end < 0 ? path.length() : end);
        WebhookProvider provider = providers.get(name);
        if (provider != null && !provider.enabled()) {
            throw answers.disabled(provider.name());
        }
    }
}
