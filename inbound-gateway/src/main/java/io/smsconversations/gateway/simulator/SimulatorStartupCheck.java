package io.smsconversations.gateway.simulator;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smsconversations.gateway.webhook.twilio.TwilioConfig;

/** Says loudly that the simulator is on, and whether Twilio sends go to it: no message then reaches a phone. */
@Singleton
public class SimulatorStartupCheck {

    private static final Logger LOG = Logger.getLogger(SimulatorStartupCheck.class);

    @Inject
    SimulatorConfig config;

    @Inject
    TwilioConfig twilio;

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            LOG.warnf("The provider simulator is enabled (/simulator/twilio); Twilio sends go to %s. Local runs "
                    + "only: set GATEWAY_SIMULATOR_ENABLED=false in production", twilio.apiBaseUrl());
        }
    }
}
