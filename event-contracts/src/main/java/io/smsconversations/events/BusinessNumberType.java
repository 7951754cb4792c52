package io.smsconversations.events;

public enum BusinessNumberType {
    LONG_CODE, SHORT_CODE, TOLL_FREE
}
