package io.smsconversations.events;

/**
 * What kind of sender a business number is. {@link #LONG_CODE} and {@link #TOLL_FREE} are E.164 numbers,
 * {@link #SHORT_CODE} a national short code (key {@code US:12345}) and {@link #ALPHANUMERIC} a sender id such as
 * {@code Contoso}, which customers cannot reply to ({@link BusinessAddress}).
 */
public enum BusinessNumberType {
    LONG_CODE, SHORT_CODE, TOLL_FREE, ALPHANUMERIC
}
