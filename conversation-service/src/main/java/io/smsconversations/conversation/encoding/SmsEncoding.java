package io.smsconversations.conversation.encoding;

/** How a text travels over SMS: the GSM 03.38 7-bit alphabet, or UCS-2 when any character falls outside it. */
public enum SmsEncoding {

    /** 160 septets in a single SMS, 153 per part of a concatenated one (7 go to the concatenation header). */
    GSM_7(160, 153),
    /** 70 UTF-16 code units in a single SMS, 67 per part of a concatenated one. */
    UCS_2(70, 67);

    private final int singleSegmentCapacity;
    private final int multiSegmentCapacity;

    SmsEncoding(int singleSegmentCapacity, int multiSegmentCapacity) {
        this.singleSegmentCapacity = singleSegmentCapacity;
        this.multiSegmentCapacity = multiSegmentCapacity;
    }

    public int singleSegmentCapacity() {
        return singleSegmentCapacity;
    }

    public int multiSegmentCapacity() {
        return multiSegmentCapacity;
    }
}
