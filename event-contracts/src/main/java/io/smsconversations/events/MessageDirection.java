package io.smsconversations.events;

public enum MessageDirection {
    INBOUND, OUTBOUND
}
