package io.smsconversations.routing.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ClocksTest {

    @Test
    void theServicesClockTicksInTheMillisecondsEveryStoreAndTopicKeeps() {
        Clock clock = new Clocks().clock();

        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        for (int i = 0; i < 20; i++) {
            Instant now = clock.instant();
            assertThat(now).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
