package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class ChannelSettingsCheckTest {

    @Test
    void everyIncomingChannelMustLeaveCloudEventsParsingAndDeadLettersToTheConsumers() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.good.topic", "a",
                "mp.messaging.incoming.good.cloud-events", "false",
                "mp.messaging.incoming.good.failure-strategy", "fail",
                "mp.messaging.incoming.good.throttled.unprocessed-record-max-age.ms", "0",
                "mp.messaging.incoming.parsed.topic", "b",
                "mp.messaging.incoming.parsed.failure-strategy", "dead-letter-queue",
                "mp.messaging.outgoing.out.topic", "c"), "test", 100)).build();

        assertThat(ChannelSettingsCheck.check(config)).containsExactly(
                "parsed needs cloud-events=false",
                "parsed needs failure-strategy=fail (dead letters are written by event-consumers)",
                "parsed needs throttled.unprocessed-record-max-age.ms=0 (outages are waited out)");
    }
}
