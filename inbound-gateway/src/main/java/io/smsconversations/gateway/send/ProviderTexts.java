package io.smsconversations.gateway.send;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider error texts quote what they refused ("The 'To' number +14255550100 is not a valid phone number"). They
 * are stored in the ledger, published in SendFailed and logged, so anything that looks like a phone number is
 * removed first; the provider's code travels in its own field and is kept.
 */
public final class ProviderTexts {

    static final String REMOVED = "[number]";

    /** At least seven digits, optionally after a +, with up to two separators between digits (space . - / ( )). */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\(?\\d(?:[\\s./()-]{0,2}\\d){6,}");

    /** A date or time is not a phone number: 2026-12-01, 2026-12-01T10:00:00, 10:00:00. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?");

    private ProviderTexts() {
    }

    /** {@code text} with every phone-number-like run replaced by {@code [number]}; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = NUMBER.matcher(text);
        StringBuilder scrubbed = new StringBuilder(text.length());
        while (matcher.find()) {
            String found = matcher.group();
            matcher.appendReplacement(scrubbed, Matcher.quoteReplacement(
                    DATE.matcher(found.strip()).matches() ? found : REMOVED));
        }
        matcher.appendTail(scrubbed);
        return scrubbed.toString();
    }
}
