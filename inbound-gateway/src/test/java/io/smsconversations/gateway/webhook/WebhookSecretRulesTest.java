package io.smsconversations.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The startup refusal's rule, without starting anything (the packaged jar's refusal: ProviderSettingsIT). */
class WebhookSecretRulesTest {

    @Test
    void aDisabledProviderNeedsNoSecret() {
        assertThat(WebhookSecretRules.problems(List.of(provider("vonage", false, null),
                provider("acs", false, "CHANGE-ME")), true)).isEmpty();
    }

    @Test
    void anEnabledProviderWithARealSecretStarts() {
        assertThat(WebhookSecretRules.problems(List.of(provider("twilio", true, "5f2b1c0e9d8a7b6c5d4e3f2a1b0c9d8e")),
                true)).isEmpty();
    }

    @Test
    void anEnabledProviderWithoutASecretIsRefusedEverywhere() {
        for (boolean production : List.of(true, false)) {
            assertThat(WebhookSecretRules.problems(List.of(provider("vonage", true, null)), production))
                    .containsExactly("gateway.vonage.enabled is true but gateway.vonage.secret (VONAGE_SECRET) "
                            + "is not set");
            assertThat(WebhookSecretRules.problems(List.of(provider("vonage", true, "   ")), production))
                    .singleElement().asString().endsWith("is not set");
        }
    }

    @Test
    void aPlaceholderIsRefusedEverywhereInAnyCaseAndNeverQuoted() {
        for (String placeholder : List.of("CHANGE-ME-acs-webhook-secret", "change-me", "Change-Me-later")) {
            for (boolean production : List.of(true, false)) {
                List<String> problems = WebhookSecretRules.problems(List.of(provider("acs", true, placeholder)),
                        production);
                assertThat(problems).singleElement().asString()
                        .startsWith("gateway.acs.enabled is true but gateway.acs.secret (ACS_SECRET)")
                        .endsWith("is still a CHANGE-ME placeholder")
                        .doesNotContain(placeholder.equals("change-me") ? "change-me" : placeholder);
            }
        }
    }

    @Test
    void aLocalDefaultIsRefusedOnlyInProduction() {
        WebhookProvider local = provider("infobip", true, "local-infobip-webhook-secret");

        assertThat(WebhookSecretRules.problems(List.of(local), true)).singleElement().asString()
                .contains("gateway.infobip.secret (INFOBIP_SECRET) is a local-* development default")
                .doesNotContain("local-infobip-webhook-secret");
        assertThat(WebhookSecretRules.problems(List.of(local), false)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(WebhookSecretRules.problems(List.of(provider("twilio", true, null),
                provider("vonage", true, "Local-x"), provider("acs", false, null), provider("infobip", true, "ok-1")),
                true)).hasSize(2);
    }

    private static WebhookProvider provider(String name, boolean enabled, String secret) {
        return new WebhookProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public List<WebhookSecret> secrets() {
                return List.of(new WebhookSecret("gateway." + name + ".secret", name.toUpperCase() + "_SECRET",
                        Optional.ofNullable(secret)));
            }
        };
    }
}
