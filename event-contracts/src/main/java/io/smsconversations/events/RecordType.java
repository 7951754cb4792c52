package io.smsconversations.events;

/** The CRM record types, in the order routing rule 4 prefers them (SPEC §4). */
public enum RecordType {
    CONTACT, ACCOUNT, OPPORTUNITY, LEAD
}
