package io.smsconversations.gateway.send;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with send settings that could send a message twice (a lease shorter than a call and the write of
 * its answer), rather than discover them at the first send request.
 */
@Singleton
public class SendStartupCheck {

    private final SendConfig config;

    @Inject
    public SendStartupCheck(SendConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        SendLease.check(config);
    }
}
