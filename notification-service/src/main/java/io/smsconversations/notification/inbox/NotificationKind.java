package io.smsconversations.notification.inbox;

/** What a notification is about (SPEC §7). Stored by name: add kinds at the end, never rename one. */
public enum NotificationKind {
    /** A customer replied in a conversation of one of my records or numbers. */
    INBOUND_MESSAGE,
    /** A reply was stored for me, but I lack the Seller SMS privilege to read it (SPEC §4). */
    MISSING_SELLER_PRIVILEGE,
    /** A message I sent, or one on a record of mine, was not delivered (with the reason). */
    OUTBOUND_FAILED,
    /** A conversation was moved to, or away from, one of my records. */
    CONVERSATION_MOVED
}
