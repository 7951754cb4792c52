package io.smsconversations.routing.directory;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.routing.messaging.CloudEventMessages;

/**
 * Publishes directory entries to their compacted topics (key = id / id / number, value = the contract record, a
 * tombstone to delete). The returned Uni completes when the broker has acknowledged the write (acks=all).
 * <p>
 * Event ids: an admin change is a new fact each time, so it gets a new id (a content-derived id would make a change
 * back to an earlier state look like a duplicate); a lead created for an inbound event gets an id derived from it.
 * Directory consumers upsert, so a repeat is harmless either way.
 */
@ApplicationScoped
public class DirectoryPublisher {

    private final MutinyEmitter<Record<String, String>> records;

    private final MutinyEmitter<Record<String, String>> sellers;

    private final MutinyEmitter<Record<String, String>> teams;

    private final MutinyEmitter<Record<String, String>> businessNumbers;

    private final ObjectMapper json;

    DirectoryPublisher(@Channel("directory-records-out") MutinyEmitter<Record<String, String>> records,
            @Channel("directory-sellers-out") MutinyEmitter<Record<String, String>> sellers,
            @Channel("directory-teams-out") MutinyEmitter<Record<String, String>> teams,
            @Channel("directory-business-numbers-out") MutinyEmitter<Record<String, String>> businessNumbers,
            ObjectMapper json) {
        this.records = records;
        this.sellers = sellers;
        this.teams = teams;
        this.businessNumbers = businessNumbers;
        this.json = json;
    }

    public Uni<Void> publishRecord(DirectoryRecord record) {
        return publishRecord(record, UUID.randomUUID().toString());
    }

    public Uni<Void> publishRecord(DirectoryRecord record, String eventId) {
        return send(records, record.id(), record, eventId, EventTypes.DIRECTORY_RECORD_UPSERTED, record.id());
    }

    public Uni<Void> deleteRecord(String id) {
        return send(records, id, null, UUID.randomUUID().toString(), EventTypes.DIRECTORY_RECORD_UPSERTED, id);
    }

    public Uni<Void> publishSeller(Seller seller) {
        return send(sellers, seller.id(), seller, UUID.randomUUID().toString(), EventTypes.DIRECTORY_SELLER_UPSERTED,
                seller.id());
    }

    public Uni<Void> deleteSeller(String id) {
        return send(sellers, id, null, UUID.randomUUID().toString(), EventTypes.DIRECTORY_SELLER_UPSERTED, id);
    }

    public Uni<Void> publishTeam(Team team) {
        return send(teams, team.id(), team, UUID.randomUUID().toString(), EventTypes.DIRECTORY_TEAM_UPSERTED,
                team.id());
    }

    public Uni<Void> deleteTeam(String id) {
        return send(teams, id, null, UUID.randomUUID().toString(), EventTypes.DIRECTORY_TEAM_UPSERTED, id);
    }

    public Uni<Void> publishBusinessNumber(BusinessNumber number) {
        return send(businessNumbers, number.number(), number, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED, null);
    }

    public Uni<Void> deleteBusinessNumber(String number) {
        return send(businessNumbers, number, null, UUID.randomUUID().toString(),
                EventTypes.DIRECTORY_BUSINESS_NUMBER_UPSERTED, null);
    }

    /** {@code value} null is a tombstone (the entry is deleted); completes on the caller's context. */
    private Uni<Void> send(MutinyEmitter<Record<String, String>> emitter, String key, Object value, String eventId,
            String type, String subject) {
        return CloudEventMessages.send(emitter, CloudEventMessages.of(key, value == null ? null : toJson(value),
                eventId, type, subject));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
