package io.smsconversations.events;

/**
 * The Kafka key that keeps one conversation's messages in order: the customer number and the business number,
 * both E.164.
 */
public final class ConversationKey {

    private ConversationKey() {
    }

    public static String of(String customerNumber, String businessNumber) {
        return customerNumber + "|" + businessNumber;
    }
}
