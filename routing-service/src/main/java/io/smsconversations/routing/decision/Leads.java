package io.smsconversations.routing.decision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;

/**
 * SPEC §4, no candidate: a new lead for the customer's number. Pure functions; the caller publishes and stores.
 */
public final class Leads {

    private Leads() {
    }

    /**
     * The lead id for {@code customerNumber} (E.164): derived from the number, so two replies routed at the same
     * time (on two instances) create the same lead, not two.
     * <p>
     * {@code generation} is 0 normally. It is only higher when the id of an earlier generation is already taken by a
     * record that no longer carries the number (an admin re-numbered that lead): a new lead must not overwrite it.
     */
    public static String leadId(String customerNumber, int generation) {
        String name = generation == 0 ? customerNumber : customerNumber + "#" + generation;
        return "lead-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A new active lead with {@code customerNumber} as its mobile number, owned by the first seller (by id) the
     * business number is assigned to, else by its first team, else by nobody (the number is unknown).
     */
    public static DirectoryRecord newLead(String leadId, String customerNumber, NumberAssignment number,
            Instant now) {
        return new DirectoryRecord(leadId, RecordType.LEAD, "SMS lead " + E164.masked(customerNumber),
                ownerFor(number), true, now, List.of(new PhoneNumber(PhoneKind.MOBILE, customerNumber)), null);
    }

    static Owner ownerFor(NumberAssignment number) {
        if (!number.sellerIds().isEmpty()) {
            return Owner.seller(number.sellerIds().first());
        }
        if (!number.teamIds().isEmpty()) {
            return Owner.team(number.teamIds().first());
        }
        return null;
    }
}
