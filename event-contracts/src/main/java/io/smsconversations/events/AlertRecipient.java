package io.smsconversations.events;

/**
 * A seller to alert about a message. A seller without the Seller privilege is still alerted, with a notification
 * that the privilege is missing (SPEC §4).
 */
public record AlertRecipient(String sellerId, boolean sellerPrivilege) {
}
