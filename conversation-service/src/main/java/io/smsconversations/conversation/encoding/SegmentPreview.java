package io.smsconversations.conversation.encoding;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a text will travel (SPEC §5): its encoding, the units it costs (septets for GSM-7, UTF-16 code units for
 * UCS-2) and the number of SMS segments a carrier bills.
 */
@Schema(name = "SegmentPreview")
public record SegmentPreview(
        SmsEncoding encoding,
        @Schema(description = "Characters as a person counts them (Unicode code points)") int characters,
        @Schema(description = "Septets (GSM-7; extension characters count two) or UTF-16 code units (UCS-2)") int units,
        @Schema(description = "SMS segments the text is split into (0 for an empty text)") int segments,
        @Schema(description = "Units one segment holds at this length: 160/153 for GSM-7, 70/67 for UCS-2")
        int unitsPerSegment,
        @Schema(description = "Units still free in the last segment") int unitsLeftInLastSegment) {
}
