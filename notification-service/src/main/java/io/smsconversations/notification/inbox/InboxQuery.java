package io.smsconversations.notification.inbox;

import jakarta.ws.rs.BadRequestException;

/**
 * Which page of the inbox a request asks for, read from its query parameters: parsed here rather than by JAX-RS,
 * which answers 404 to a query parameter it cannot convert; every bad value is a 400 naming the parameter.
 *
 * @param limit       the page size, {@value #DEFAULT_LIMIT} unless given (1 to {@value #MAX_LIMIT})
 * @param before      only notifications after this one in the page's order; null for the first page
 * @param unreadFirst the unread ones first (each group newest first), else newest first
 */
record InboxQuery(int limit, Long before, boolean unreadFirst) {

    static final int DEFAULT_LIMIT = 50;
    static final long MAX_LIMIT = 200;
    static final String NEWEST = "newest";
    static final String UNREAD_FIRST = "unread-first";

    static InboxQuery parse(String limit, String before, String order) {
        Long size = number("limit", limit, 1, MAX_LIMIT);
        Long cursor = number("before", before, 1, Long.MAX_VALUE);
        boolean unreadFirst;
        if (order == null || order.isBlank() || NEWEST.equals(order.strip())) {
            unreadFirst = false;
        } else if (UNREAD_FIRST.equals(order.strip())) {
            unreadFirst = true;
        } else {
            throw new BadRequestException("order must be '" + NEWEST + "' or '" + UNREAD_FIRST + "', not '" + order
                    + "'");
        }
        return new InboxQuery(size == null ? DEFAULT_LIMIT : size.intValue(), cursor, unreadFirst);
    }

    /** The value of an optional whole-number query parameter; null when absent. */
    private static Long number(String name, String text, long min, long max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
