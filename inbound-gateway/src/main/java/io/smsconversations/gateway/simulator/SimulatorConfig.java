package io.smsconversations.gateway.simulator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in provider simulator for local runs ({@code gateway.simulator.*}); off unless enabled. */
@ConfigMapping(prefix = "gateway.simulator")
public interface SimulatorConfig {

    /** Serve the fake Twilio Messages API under {@code /simulator/twilio}. From {@code GATEWAY_SIMULATOR_ENABLED}. */
    @WithDefault("false")
    boolean enabled();

    /** The wait before each status callback (sent, then delivered). */
    @WithDefault("1s")
    Duration callbackDelay();
}
