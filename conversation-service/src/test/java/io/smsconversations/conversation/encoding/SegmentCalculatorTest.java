package io.smsconversations.conversation.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SegmentCalculatorTest {

    @Test
    void plainGsmTextFillsOneSegmentUpTo160Septets() {
        assertThat(SegmentCalculator.preview("a".repeat(160)))
                .isEqualTo(new SegmentPreview(SmsEncoding.GSM_7, 160, 160, 1, 160, 0));
    }

    @Test
    void longerGsmTextIsSplitIn153SeptetParts() {
        SegmentPreview preview = SegmentCalculator.preview("a".repeat(161));

        assertThat(preview.segments()).isEqualTo(2);
        assertThat(preview.unitsPerSegment()).isEqualTo(153);
        assertThat(preview.unitsLeftInLastSegment()).isEqualTo(153 * 2 - 161);
        assertThat(SegmentCalculator.preview("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SegmentCalculator.preview("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCostTwoSeptetsButStayGsm() {
        SegmentPreview preview = SegmentCalculator.preview("Price: 10€ [net]");

        assertThat(preview.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(preview.characters()).isEqualTo(16);
        assertThat(preview.units()).isEqualTo(19);
        assertThat(SegmentCalculator.preview("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SegmentCalculator.preview("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void anExtensionCharacterIsNotCutAcrossTwoParts() {
        // 152 septets then a 2-septet euro: it cannot use the 153rd septet, so it opens the second part.
        SegmentPreview preview = SegmentCalculator.preview("a".repeat(152) + "€" + "a".repeat(8));

        assertThat(preview.units()).isEqualTo(162);
        assertThat(preview.segments()).isEqualTo(2);
        assertThat(preview.unitsLeftInLastSegment()).isEqualTo(153 - 10);
    }

    @Test
    void oneCharacterOutsideGsmTurnsTheWholeTextUcs2() {
        SegmentPreview preview = SegmentCalculator.preview("Ciao Łukasz");

        assertThat(preview.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(preview.units()).isEqualTo(11);
        assertThat(preview.unitsPerSegment()).isEqualTo(70);
        assertThat(SegmentCalculator.preview("Ł".repeat(71)).segments()).isEqualTo(2);
        assertThat(SegmentCalculator.preview("Ł".repeat(134)).segments()).isEqualTo(2);
        assertThat(SegmentCalculator.preview("Ł".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void emojiCostTwoCodeUnitsAndAreNotSplit() {
        SegmentPreview preview = SegmentCalculator.preview("Thanks 👍");

        assertThat(preview.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(preview.characters()).isEqualTo(8);
        assertThat(preview.units()).isEqualTo(9);
        // 66 units then a 2-unit emoji: the emoji goes whole into the second part.
        assertThat(SegmentCalculator.preview("Ł".repeat(66) + "👍" + "Ł".repeat(3)).segments()).isEqualTo(2);
    }

    @Test
    void anEmptyTextIsNoSegment() {
        assertThat(SegmentCalculator.preview("")).isEqualTo(new SegmentPreview(SmsEncoding.GSM_7, 0, 0, 0, 160, 160));
    }
}
