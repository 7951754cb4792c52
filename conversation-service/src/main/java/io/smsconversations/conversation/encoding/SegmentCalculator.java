package io.smsconversations.conversation.encoding;

/**
 * Works out the encoding and segment count of a text the way handsets and carriers split it: an extension character
 * (escape + character) and a UTF-16 surrogate pair are never cut across two segments, so a part may hold one unit
 * less than its capacity.
 */
public final class SegmentCalculator {

    private SegmentCalculator() {
    }

    public static SegmentPreview preview(String text) {
        String body = text == null ? "" : text;
        SmsEncoding encoding = fitsGsm7(body) ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        int[] costs = body.codePoints().map(cp -> cost(cp, encoding)).toArray();
        int units = 0;
        for (int cost : costs) {
            units += cost;
        }
        if (units <= encoding.singleSegmentCapacity()) {
            int segments = units == 0 ? 0 : 1;
            return new SegmentPreview(encoding, costs.length, units, segments, encoding.singleSegmentCapacity(),
                    encoding.singleSegmentCapacity() - units);
        }
        return concatenated(encoding, costs, units);
    }

    private static SegmentPreview concatenated(SmsEncoding encoding, int[] costs, int units) {
        int capacity = encoding.multiSegmentCapacity();
        int segments = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > capacity) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SegmentPreview(encoding, costs.length, units, segments, capacity, capacity - used);
    }

    private static boolean fitsGsm7(String text) {
        return text.codePoints().allMatch(cp -> Gsm7Alphabet.septets(cp) > 0);
    }

    private static int cost(int codePoint, SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM_7 ? Gsm7Alphabet.septets(codePoint) : Character.charCount(codePoint);
    }
}
