package io.smsconversations.conversation.directory;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;

/**
 * Keeps this service's projection of the directory (records, sellers and their teams, business numbers and their
 * owners) from the compacted directory topics: an entry upserts by its key, a tombstone (null value) deletes. Each
 * topic has its own consumer group ({@code conversation-service.directory-*}) reading from the earliest offset, so a
 * new instance or an empty database rebuilds the whole projection.
 * <p>
 * An entry that can never be stored (no key, another CloudEvents type, a value that is not the contract's JSON, a
 * missing or oversized field) goes to {@code <topic>.dlq.conversation-service} at once; a database outage is waited
 * out with the entry unacknowledged, so no directory change is ever skipped because of one (a seller removed from a
 * team stops seeing its conversations once the database is back).
 */
@ApplicationScoped
public class DirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);

    private final DirectoryProjection projection;
    private final EventConsumers consumers;
    private final ObjectMapper json;

    public DirectoryConsumer(DirectoryProjection projection, EventConsumers consumers, ObjectMapper json) {
        this.projection = projection;
        this.consumers = consumers;
        this.json = json;
    }

    @Incoming("directory-records")
    public Uni<Void> onRecord(Message<String> message) {
        return consume("directory-records", message, EventTypes.DIRECTORY_RECORD_UPSERTED, key -> key,
                projection::deleteRecord,
                (key, value) -> projection.upsertRecord(
                        DirectoryEntries.record(key, IncomingEvent.parse(json, value, DirectoryRecord.class))));
    }

    @Incoming("directory-sellers")
    public Uni<Void> onSeller(Message<String> message) {
        return consume("directory-sellers", message, EventTypes.DIRECTORY_SELLER_UPSERTED, key -> key,
                projection::deleteSeller,
                (key, value) -> projection.upsertSeller(
                        DirectoryEntries.seller(key, IncomingEvent.parse(json, value, Seller.class))));
    }

    @Incoming("directory-teams")
    public Uni<Void> onTeam(Message<String> message) {
        return consume("directory-teams", message, EventTypes.DIRECTORY_TEAM_UPSERTED, key -> key,
                projection::deleteTeam,
                (key, value) -> projection.upsertTeam(
                        DirectoryEntries.team(key, IncomingEvent.parse(json, value, Team.class))));
    }

    @Incoming("directory-business-numbers")
    public Uni<Void> onBusinessNumber(Message<String> message) {
        return consume("directory-business-numbers", message, EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED,
                DirectoryEntries::businessNumberKey,
                projection::deleteBusinessNumber,
                (number, value) -> projection.upsertBusinessNumber(
                        DirectoryEntries.businessNumber(number, IncomingEvent.parse(json, value,
                                BusinessNumber.class))));
    }

    private interface Upsert {
        Uni<Void> apply(String key, String value);
    }

    private Uni<Void> consume(String channel, Message<String> message, String expectedType,
            Function<String, String> normaliseKey, Function<String, Uni<Void>> delete, Upsert upsert) {
        return consumers.processEntry(channel, message, entry -> {
            String key = normaliseKey.apply(entry.requireTypeIfPresent(expectedType).requiredKey("its id"));
            Uni<Void> stored = entry.isTombstone() ? delete.apply(key) : upsert.apply(key, entry.payload());
            return stored.invoke(() -> LOG.debugf("%s: %s", entry.topic(), entry.isTombstone() ? "deleted"
                    : "upserted"));
        });
    }
}
