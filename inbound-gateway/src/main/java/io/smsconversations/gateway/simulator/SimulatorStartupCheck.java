package io.smsconversations.gateway.simulator;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smsconversations.gateway.provider.twilio.TwilioConfig;

/**
 * A production-mode run with the simulator on must say so twice ({@code gateway.simulator.enabled} and
 * {@code gateway.simulator.allow-in-production}), or it does not start; when it runs, it says loudly where Twilio
 * sends go: no message then reaches a phone.
 */
@Singleton
public class SimulatorStartupCheck {

    private static final Logger LOG = Logger.getLogger(SimulatorStartupCheck.class);

    private final SimulatorConfig config;
    private final TwilioConfig twilio;

    @Inject
    public SimulatorStartupCheck(SimulatorConfig config, TwilioConfig twilio) {
        this.config = config;
        this.twilio = twilio;
    }

    void onStart(@Observes StartupEvent event) {
        check(LaunchMode.current());
    }

    void check(LaunchMode mode) {
        if (!config.enabled()) {
            return;
        }
        if (mode == LaunchMode.NORMAL && !config.allowInProduction()) {
            throw new IllegalStateException("gateway.simulator.enabled is true in a production run: sends would be "
                    + "answered by the simulator and reach no phone. Set GATEWAY_SIMULATOR_ENABLED=false, or, for a "
                    + "local run only, also GATEWAY_SIMULATOR_ALLOW_IN_PRODUCTION=true");
        }
        LOG.warnf("The provider simulator is enabled (/simulator/twilio, account %s); Twilio sends go to %s. Local "
                + "runs only", twilio.accountSid(), twilio.apiBaseUrl());
    }
}
