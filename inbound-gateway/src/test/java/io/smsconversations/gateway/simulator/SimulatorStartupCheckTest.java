package io.smsconversations.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;
import io.smsconversations.gateway.provider.twilio.TwilioConfig;

/** Issue 11 item 12: a production-mode run serves the simulator only when told so twice. */
class SimulatorStartupCheckTest {

    @Test
    void aProductionRunWithTheSimulatorOnAndNoSecondFlagDoesNotStart() {
        assertThatThrownBy(() -> check(true, false).check(LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GATEWAY_SIMULATOR_ALLOW_IN_PRODUCTION=true");
    }

    @Test
    void theSecondFlagTestsAndAnOffSimulatorLetItStart() {
        assertThatCode(() -> check(true, true).check(LaunchMode.NORMAL)).doesNotThrowAnyException();
        assertThatCode(() -> check(true, false).check(LaunchMode.TEST)).doesNotThrowAnyException();
        assertThatCode(() -> check(true, false).check(LaunchMode.DEVELOPMENT)).doesNotThrowAnyException();
        assertThatCode(() -> check(false, false).check(LaunchMode.NORMAL)).doesNotThrowAnyException();
    }

    private static SimulatorStartupCheck check(boolean enabled, boolean allowInProduction) {
        SimulatorConfig simulator = new SimulatorConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public boolean allowInProduction() {
                return allowInProduction;
            }

            @Override
            public Duration callbackDelay() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int retainedMessages() {
                return 10;
            }
        };
        TwilioConfig twilio = new TwilioConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public java.util.Optional<String> configuredAuthToken() {
                return java.util.Optional.of("token");
            }

            @Override
            public String accountSid() {
                return "AC0123456789abcdef0123456789abcdef";
            }

            @Override
            public String apiBaseUrl() {
                return "http://localhost:8081/simulator/twilio";
            }
        };
        return new SimulatorStartupCheck(simulator, twilio);
    }
}
