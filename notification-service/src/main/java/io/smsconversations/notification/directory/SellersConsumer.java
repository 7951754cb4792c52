package io.smsconversations.notification.directory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;

/**
 * Keeps {@link TeamMembers} from the compacted topic {@code directory.sellers} (key = seller id, value = a
 * {@link Seller}, null = deleted). Own consumer group, read from the earliest offset, so an empty database rebuilds
 * the projection. An entry that can never be stored (no key, another CloudEvents type, not a Seller) goes to
 * {@code directory.sellers.dlq.notification-service}; a database outage is waited out (event-consumers), so a team
 * change is never skipped because of one.
 */
@ApplicationScoped
public class SellersConsumer {

    static final String CHANNEL = "directory-sellers";

    private final TeamMembers teams;
    private final EventConsumers consumers;
    private final ObjectMapper json;

    public SellersConsumer(TeamMembers teams, EventConsumers consumers, ObjectMapper json) {
        this.teams = teams;
        this.consumers = consumers;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return consumers.processEntry(CHANNEL, message, entry -> {
            String sellerId = entry.requireTypeIfPresent(EventTypes.DIRECTORY_SELLER_UPSERTED)
                    .requiredKey("the seller id");
            if (entry.isTombstone()) {
                return teams.forget(sellerId);
            }
            return teams.replace(sellerId, entry.payloadAs(json, Seller.class).teamIds());
        });
    }
}
