package io.smsconversations.gateway.webhook;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.smsconversations.events.E164;

/**
 * Loads libphonenumber's metadata at startup. The first parse reads it from the classpath, which is blocking I/O,
 * and webhooks normalise numbers on the event loop.
 */
@Singleton
public class PhoneNumbersWarmUp {

    void onStart(@Observes StartupEvent event) {
        E164.normalise("+14255550100");
    }
}
