package io.smsconversations.routing.decision;

import java.time.Instant;

import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;

/**
 * A record that carries the customer's number: what the routing rules need to know about it, and nothing more.
 *
 * @param owner      null when the record has no owner
 * @param modifiedOn null when the directory never said (it then counts as the oldest for rule 6)
 */
public record Candidate(String id, RecordType type, String name, Owner owner, boolean active, Instant modifiedOn) {

    public RecordRef ref() {
        return new RecordRef(id, type, name, owner);
    }

    public String ownerSellerId() {
        return owner == null ? null : owner.sellerId();
    }

    public String ownerTeamId() {
        return owner == null ? null : owner.teamId();
    }
}
