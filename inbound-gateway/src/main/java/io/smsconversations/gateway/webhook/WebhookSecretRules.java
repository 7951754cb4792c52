package io.smsconversations.gateway.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What a webhook secret of an enabled provider may not be. Blank means the provider cannot authenticate anything;
 * {@code local-*} are the development defaults and {@code CHANGE-ME*} the placeholders of deploy/, both public, so a
 * production run with one of them would accept webhooks anyone can forge.
 */
public final class WebhookSecretRules {

    static final String LOCAL_PREFIX = "local-";
    static final String PLACEHOLDER_PREFIX = "change-me";

    private WebhookSecretRules() {
    }

    /**
     * Every reason to refuse to start, one sentence each naming the property (never its value); empty when none.
     *
     * @param production true for a packaged run (launch mode NORMAL), where the local defaults are refused too
     */
    public static List<String> problems(Collection<? extends WebhookProvider> providers, boolean production) {
        List<String> problems = new ArrayList<>();
        for (WebhookProvider provider : providers) {
            if (!provider.enabled()) {
                continue;
            }
            for (WebhookSecret secret : provider.secrets()) {
                String why = whyUnusable(secret, production);
                if (why != null) {
                    problems.add("gateway." + provider.name() + ".enabled is true but " + secret + " " + why);
                }
            }
        }
        return problems;
    }

    private static String whyUnusable(WebhookSecret secret, boolean production) {
        String value = secret.value().map(String::strip).orElse("");
        if (value.isEmpty()) {
            return "is not set";
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(PLACEHOLDER_PREFIX)) {
            return "is still a CHANGE-ME placeholder";
        }
        if (production && lower.startsWith(LOCAL_PREFIX)) {
            return "is a local-* development default, which only dev mode and tests accept";
        }
        return null;
    }
}
