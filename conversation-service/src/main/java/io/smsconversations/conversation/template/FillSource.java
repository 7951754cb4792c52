package io.smsconversations.conversation.template;

import io.smsconversations.events.RecordType;

/**
 * What the projection knows for one filling: the record, its account (a contact's account, or an account itself),
 * the sender and the business number. Any part may be null (a seller or number the directory does not know yet).
 */
public record FillSource(RecordType recordType, String recordName, String accountName, String senderName,
        String businessNumberName) {

    /** Contacts and leads are people: their name is a person's name. */
    boolean isPerson() {
        return recordType == RecordType.CONTACT || recordType == RecordType.LEAD;
    }
}
