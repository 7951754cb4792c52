package io.smsconversations.gateway.media;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.LogSafe;
import io.smsconversations.gateway.GatewayConfig;

/**
 * The step between reading an MMS webhook and publishing its event: the media items go to the gateway's database
 * first, so every id the event carries resolves. A message without media touches no database (an SMS webhook still
 * needs Kafka only); when the database does not take the items, nothing is published and the provider hears 503 and
 * retries (the same ids, so nothing doubles).
 */
@ApplicationScoped
public class InboundMedia {

    private static final Logger LOG = Logger.getLogger(InboundMedia.class);

    private final MediaStore store;
    private final GatewayConfig gateway;

    InboundMedia(MediaStore store, GatewayConfig gateway) {
        this.store = store;
        this.gateway = gateway;
    }

    /** Stores {@code received}'s media, then runs {@code publish} on its event (the publisher's id comes back). */
    public Uni<String> keepThenPublish(ReceivedMessage received, Function<InboundMessageReceived, Uni<String>> publish) {
        InboundMessageReceived event = received.event();
        return store.keep(received.media(), event.receivedAt())
                .onFailure().transform(failure -> unavailable(event, failure))
                .chain(() -> publish.apply(event));
    }

    private ServiceUnavailableException unavailable(InboundMessageReceived event, Throwable failure) {
        LOG.warnf("%s message %s: its %d media item(s) could not be stored, answering 503 so the provider retries: %s",
                event.provider(), event.providerMessageId(), event.media().size(), LogSafe.failure(failure));
        long retryAfter = Math.max(1, gateway.kafka().retryAfter().toSeconds());
        return new ServiceUnavailableException("The message's media could not be stored. Retry later; the retry is "
                + "deduplicated by its ids.", retryAfter, failure);
    }
}
