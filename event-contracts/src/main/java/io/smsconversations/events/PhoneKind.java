package io.smsconversations.events;

public enum PhoneKind {
    BUSINESS, MOBILE
}
