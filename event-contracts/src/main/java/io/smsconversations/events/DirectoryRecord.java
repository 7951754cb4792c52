package io.smsconversations.events;

import java.time.Instant;
import java.util.List;

/**
 * A CRM record (contact, account, opportunity or lead). Topic {@link Topics#DIRECTORY_RECORDS}, key {@code id}.
 *
 * @param accountId         for a contact: the account it belongs to, if any
 * @param customerId        for an opportunity: its customer, a contact or an account (SPEC §3), if any
 * @param relatedContactIds for an opportunity: the contacts it lists as related
 */
public record DirectoryRecord(
        String id,
        RecordType type,
        String name,
        Owner owner,
        boolean active,
        Instant modifiedOn,
        List<PhoneNumber> phones,
        String accountId,
        String customerId,
        List<String> relatedContactIds) {

    public DirectoryRecord {
        phones = phones == null ? List.of() : List.copyOf(phones);
        relatedContactIds = relatedContactIds == null ? List.of() : List.copyOf(relatedContactIds);
    }

    /** A record without opportunity relations (a contact, an account, a lead, or an opportunity that has none). */
    public DirectoryRecord(String id, RecordType type, String name, Owner owner, boolean active, Instant modifiedOn,
            List<PhoneNumber> phones, String accountId) {
        this(id, type, name, owner, active, modifiedOn, phones, accountId, null, List.of());
    }

    /** The record as a reference carried in events. */
    public RecordRef ref() {
        return new RecordRef(id, type, name, owner);
    }
}
