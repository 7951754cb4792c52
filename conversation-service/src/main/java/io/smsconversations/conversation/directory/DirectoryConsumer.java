package io.smsconversations.conversation.directory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.events.Topics;
import io.smsconversations.events.LogSafe;

/**
 * Keeps this service's projection of the directory (records, sellers and their teams, business numbers and their
 * owners) from the compacted directory topics: an entry upserts by its key, a tombstone (null value) deletes. Each
 * topic has its own consumer group ({@code conversation-service.directory-*}) reading from the earliest offset, so a
 * new instance or an empty database rebuilds the whole projection.
 * <p>
 * An entry that can never be stored (no key, another CloudEvents type, a value that is not the contract's JSON, a
 * missing or oversized field) goes to {@code <topic>.dlq.conversation-service} at once; a database failure is
 * retried with backoff first, then dead-lettered too, so one entry never blocks its partition for long.
 */
@ApplicationScoped
public class DirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);
    private static final int RETRIES = 4;

    @Inject
    DirectoryProjection projection;

    @Inject
    ObjectMapper json;

    @Incoming("directory-records")
    public Uni<Void> onRecord(Message<String> message) {
        return consume(message, Topics.DIRECTORY_RECORDS, EventTypes.DIRECTORY_RECORD_UPSERTED,
                key -> key,
                projection::deleteRecord,
                (key, value) -> projection.upsertRecord(
                        DirectoryEntries.record(key, parse(value, DirectoryRecord.class))));
    }

    @Incoming("directory-sellers")
    public Uni<Void> onSeller(Message<String> message) {
        return consume(message, Topics.DIRECTORY_SELLERS, EventTypes.DIRECTORY_SELLER_UPSERTED,
                key -> key,
                projection::deleteSeller,
                (key, value) -> projection.upsertSeller(DirectoryEntries.seller(key, parse(value, Seller.class))));
    }

    @Incoming("directory-teams")
    public Uni<Void> onTeam(Message<String> message) {
        return consume(message, Topics.DIRECTORY_TEAMS, EventTypes.DIRECTORY_TEAM_UPSERTED,
                key -> key,
                projection::deleteTeam,
                (key, value) -> projection.upsertTeam(DirectoryEntries.team(key, parse(value, Team.class))));
    }

    @Incoming("directory-business-numbers")
    public Uni<Void> onBusinessNumber(Message<String> message) {
        return consume(message, Topics.DIRECTORY_BUSINESS_NUMBERS, EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED,
                DirectoryEntries::businessNumberKey,
                projection::deleteBusinessNumber,
                (number, value) -> projection.upsertBusinessNumber(
                        DirectoryEntries.businessNumber(number, parse(value, BusinessNumber.class))));
    }

    private interface Upsert {
        Uni<Void> apply(String key, String value);
    }

    private Uni<Void> consume(Message<String> message, String topic, String expectedType,
            Function<String, String> normaliseKey, Function<String, Uni<Void>> delete, Upsert upsert) {
        String value = message.getPayload();
        Uni<Void> stored;
        try {
            String key = normaliseKey.apply(checkedKey(message, topic, expectedType));
            // Checked and parsed before the first attempt: only the database write is retried.
            stored = value == null ? delete.apply(key) : upsert.apply(key, value);
        } catch (InvalidDirectoryEntryException e) {
            return deadLetter(message, topic, e);
        }
        return stored
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(4)).atMost(RETRIES)
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure != null) {
                        return deadLetter(message, topic, failure);
                    }
                    LOG.debugf("%s: %s", topic, value == null ? "deleted" : "upserted");
                    return Uni.createFrom().completionStage(message::ack);
                });
    }

    private static String checkedKey(Message<String> message, String topic, String expectedType) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new InvalidDirectoryEntryException("not a Kafka record"));
        if (!(kafka.getKey() instanceof String key) || key.isBlank()) {
            throw new InvalidDirectoryEntryException("a " + topic + " entry needs its id as key");
        }
        Header type = kafka.getHeaders().lastHeader("ce_type");
        if (type != null && message.getPayload() != null
                && !expectedType.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            throw new InvalidDirectoryEntryException(
                    "unexpected CloudEvents type on " + topic + ", expected " + expectedType);
        }
        return key.strip();
    }

    private <T> T parse(String value, Class<T> type) {
        try {
            T parsed = json.readValue(value, type);
            if (parsed == null) {
                throw new InvalidDirectoryEntryException("value is JSON null, not a " + type.getSimpleName());
            }
            return parsed;
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the value: say where, not what.
            throw new InvalidDirectoryEntryException("value is not a " + type.getSimpleName() + " in JSON ("
                    + e.getClass().getSimpleName() + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ")");
        }
    }

    private static Uni<Void> deadLetter(Message<String> message, String topic, Throwable failure) {
        if (failure instanceof InvalidDirectoryEntryException) {
            LOG.warnf("%s: entry dead-lettered: %s", topic, LogSafe.text(failure.getMessage()));
        } else {
            // A driver's message may quote values (numbers): log the kind of failure only.
            LOG.errorf("%s: entry dead-lettered after %d retries: %s", topic, RETRIES, failure.getClass().getName());
        }
        return Uni.createFrom().completionStage(() -> message.nack(failure));
    }
}
