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

    /**
     * The second key a production-mode run (the packaged jar: the local run, the end-to-end test) needs before it
     * serves the simulator: without it the gateway refuses to start, so one stray variable cannot make a deployment
     * answer sends that never reach a phone. From {@code GATEWAY_SIMULATOR_ALLOW_IN_PRODUCTION}.
     */
    @WithDefault("false")
    boolean allowInProduction();

    /** The wait before each status callback (sent, then delivered). */
    @WithDefault("1s")
    Duration callbackDelay();

    /** How many sent messages the simulator remembers for the Messages API's list (oldest forgotten first). */
    @WithDefault("10000")
    int retainedMessages();
}
