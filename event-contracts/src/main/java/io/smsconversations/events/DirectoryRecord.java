package io.smsconversations.events;

import java.time.Instant;
import java.util.List;

/**
 * A CRM record (contact, account, opportunity or lead). Topic {@link Topics#DIRECTORY_RECORDS}, key {@code id}.
 *
 * @param accountId for a contact: the account it belongs to, if any
 */
public record DirectoryRecord(
        String id,
        RecordType type,
        String name,
        Owner owner,
        boolean active,
        Instant modifiedOn,
        List<PhoneNumber> phones,
        String accountId) {

    public DirectoryRecord {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
