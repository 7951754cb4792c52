package io.smsconversations.conversation.template;

import io.smsconversations.conversation.access.Visibility;

/**
 * Which records a caller may fill a template from: the records the caller may see (SPEC §5, {@link Visibility}), so
 * the pane of a conversation on one of the caller's numbers fills templates for its record; an admin may use any.
 */
public final class RecordVisibility {

    /** The check on {@code directory_record r} for the seller {@code $2}; {@code $3} is true for an admin. */
    public static final String VISIBLE_RECORD = "($3 OR " + Visibility.record("r").replace(":sellerId", "$2") + ")";

    private RecordVisibility() {
    }
}
