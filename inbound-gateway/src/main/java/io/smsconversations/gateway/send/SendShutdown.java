package io.smsconversations.gateway.send;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * On SIGTERM: take no further send request and let the ones in flight finish (provider call, ledger, result) within
 * {@code quarkus.shutdown.timeout}, before the Kafka connector and the database pool close. Requests not taken stay
 * unacknowledged for the replica that gets the partition; one still unfinished at the timeout is resolved by that
 * replica through its lease (looked up at the provider, never blindly sent again).
 */
@ApplicationScoped
public class SendShutdown {

    private static final Logger LOG = Logger.getLogger(SendShutdown.class);

    private final SendLanes lanes;
    private final Duration timeout;

    @Inject
    public SendShutdown(SendLanes lanes, @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout) {
        this.lanes = lanes;
        this.timeout = timeout.orElse(Duration.ZERO);
    }

    // Before the other shutdown observers: the connector, the pool and the producer must still be there.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        int inFlight = lanes.inFlight();
        LOG.infof("Shutting down: no further send request is taken; waiting up to %d ms for %d in flight",
                timeout.toMillis(), inFlight);
        if (lanes.drain(timeout)) {
            LOG.info("Every send in flight finished");
        } else {
            LOG.warnf("%d send(s) still in flight at the shutdown timeout; their leases hand them to another replica",
                    lanes.inFlight());
        }
    }
}
