package io.smsconversations.conversation.quiet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The window, the recipient's zones and the verdict, without a clock or a database. */
@Tag("fast")
class WindowTest {

    private static final Window DAY = Window.parse("08:00-20:00");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        assertThat(DAY.contains(LocalTime.of(8, 0))).isTrue();
        assertThat(DAY.contains(LocalTime.of(19, 59))).isTrue();
        assertThat(DAY.contains(LocalTime.of(20, 0))).isFalse();
        assertThat(DAY.contains(LocalTime.of(7, 59))).isFalse();
        assertThat(DAY).hasToString("08:00-20:00");
    }

    @Test
    void aWindowMayEndAtMidnightOrWrapIt() {
        Window untilMidnight = Window.parse("18:00-24:00");
        assertThat(untilMidnight.contains(LocalTime.of(23, 59))).isTrue();
        assertThat(untilMidnight.contains(LocalTime.MIDNIGHT)).isFalse();
        Window night = Window.parse("22:00-06:00");
        assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "8-20", "08:00", "08:00-08:00", "25:00-26:00", "08:00-20:00:30", "24:00-08:00",
            "08:60-20:00", "morning" })
    void aBadWindowIsRefusedWithTheFormNamed(String text) {
        assertThatThrownBy(() -> Window.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextOpeningIsTodayOrTomorrowAndFollowsDaylightSaving() {
        ZonedDateTime evening = ZonedDateTime.of(2026, 3, 7, 21, 30, 0, 0, NEW_YORK);
        // 8 March 2026 is the US switch to daylight saving: 08:00 that day is 12:00 UTC, not 13:00.
        assertThat(DAY.nextOpening(evening).toInstant()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        ZonedDateTime early = ZonedDateTime.of(2026, 3, 9, 6, 0, 0, 0, NEW_YORK);
        assertThat(DAY.nextOpening(early).toInstant()).isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
    }

    @Test
    void theVerdictNamesTheZoneTheLocalTimeAndWhenItMayGo() {
        Instant lateInNewYork = Instant.parse("2026-12-04T02:15:00Z"); // 21:15 in New York, 18:15 in Los Angeles
        Verdict verdict = QuietHours.verdict(DAY, List.of(NEW_YORK), lateInNewYork);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.zone()).isEqualTo(NEW_YORK);
        assertThat(verdict.recipientLocalTime()).hasToString("2026-12-03T21:15");
        assertThat(verdict.allowedFrom()).isEqualTo(Instant.parse("2026-12-04T13:00:00Z"));

        assertThat(QuietHours.verdict(DAY, List.of(LOS_ANGELES), lateInNewYork).allowed()).isTrue();
    }

    @Test
    void aNumberThatMayBeInSeveralZonesWaitsUntilItIsDayInAllOfThem() {
        Instant morningInNewYork = Instant.parse("2026-12-04T13:30:00Z"); // 08:30 New York, 05:30 Los Angeles
        Verdict verdict = QuietHours.verdict(DAY, List.of(NEW_YORK, LOS_ANGELES), morningInNewYork);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.zone()).isEqualTo(LOS_ANGELES);
        assertThat(verdict.allowedFrom()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z")); // 08:00 in Los Angeles
    }

    @Test
    void zonesThatNeverShareAnHourOfTheWindowHaveNoOpening() {
        Window oneHour = Window.parse("09:00-10:00");
        List<ZoneId> apart = List.of(ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"));
        assertThat(QuietHours.allowedFrom(oneHour, apart, Instant.parse("2026-12-04T00:00:00Z"))).isNull();
    }

    @Test
    void theRecipientsZoneComesFromTheNumber() {
        assertThat(RecipientZones.of("+12125550100", ZoneId.of("UTC"))).containsExactly(NEW_YORK);
        assertThat(RecipientZones.of("+14255550100", ZoneId.of("UTC"))).containsExactly(LOS_ANGELES);
        assertThat(RecipientZones.of("+442079460000", ZoneId.of("UTC"))).containsExactly(ZoneId.of("Europe/London"));
        assertThat(RecipientZones.of("+15145550100", ZoneId.of("UTC"))).containsExactly(ZoneId.of("America/Toronto"));
        // Not a number libphonenumber can place: the configured fallback.
        assertThat(RecipientZones.of("+999123", ZoneId.of("Europe/Paris"))).containsExactly(ZoneId.of("Europe/Paris"));
        assertThat(RecipientZones.of("not a number", ZoneId.of("UTC"))).containsExactly(ZoneId.of("UTC"));
    }
}
