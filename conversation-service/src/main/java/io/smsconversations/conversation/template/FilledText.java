package io.smsconversations.conversation.template;

/**
 * The text of a filling, kept only up to the longest message that could be sent. A body of up to 1600 characters may
 * hold a hundred placeholders, so filling every one with a long value would build a text a hundred times larger than
 * anything that can be sent; past the limit only the length is counted. Lengths are code points, as the send limit
 * counts them (an emoji is one character).
 */
final class FilledText {

    private final int limit;
    private final StringBuilder kept = new StringBuilder();
    private int keptLength;
    private long length;

    FilledText(int limit) {
        this.limit = limit;
    }

    void append(String part) {
        int partLength = part.codePointCount(0, part.length());
        length += partLength;
        int room = limit - keptLength;
        if (room <= 0) {
            return;
        }
        int taken = Math.min(room, partLength);
        kept.append(part, 0, part.offsetByCodePoints(0, taken));
        keptLength += taken;
    }

    /** The text, cut after {@code limit} characters when it is longer. */
    String text() {
        return kept.toString();
    }

    /** The length of the whole filled text, also when {@link #text()} is cut. */
    long length() {
        return length;
    }

    boolean withinLimit() {
        return length <= limit;
    }
}
