package io.smsconversations.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service whose incoming Kafka channels are not set up the way {@link EventConsumers} needs:
 * <ul>
 * <li>{@code cloud-events=false}: the consumers read the {@code ce_*} headers themselves, so a broken one is
 * dead-lettered instead of failing inside the connector and stopping the partition;</li>
 * <li>{@code throttled.unprocessed-record-max-age.ms=0} (when the channel commits with the throttled strategy): a
 * record waiting out an outage stays unacknowledged for as long as the outage lasts, which that check would otherwise
 * turn into a failed channel after 60 s; {@link ConsumerReadiness} reports the wait instead;</li>
 * <li>{@code failure-strategy=fail}: dead letters are written by {@link DeadLetters}; a nack means even that failed,
 * and the record must not be skipped.</li>
 * </ul>
 */
@ApplicationScoped
public class ChannelSettingsCheck {

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\..+");

    void onStart(@Observes StartupEvent start, Config config) {
        List<String> wrong = check(config);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("incoming channels not set up for event-consumers: "
                    + String.join("; ", wrong));
        }
    }

    static List<String> check(Config config) {
        List<String> wrong = new ArrayList<>();
        for (String channel : incomingChannels(config.getPropertyNames())) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if (config.getOptionalValue(prefix + "cloud-events", Boolean.class).orElse(true)) {
                wrong.add(channel + " needs cloud-events=false");
            }
            if (!"fail".equals(config.getOptionalValue(prefix + "failure-strategy", String.class).orElse("fail"))) {
                wrong.add(channel + " needs failure-strategy=fail (dead letters are written by event-consumers)");
            }
            boolean throttled = "throttled".equals(config.getOptionalValue(prefix + "commit-strategy", String.class)
                    .orElse("throttled"));
            long maxAge = config.getOptionalValue(prefix + "throttled.unprocessed-record-max-age.ms", Long.class)
                    .orElse(60_000L);
            if (throttled && maxAge != 0) {
                wrong.add(channel + " needs throttled.unprocessed-record-max-age.ms=0 (outages are waited out)");
            }
        }
        return wrong;
    }

    static Set<String> incomingChannels(Iterable<String> propertyNames) {
        Set<String> channels = new TreeSet<>();
        for (String name : propertyNames) {
            Matcher m = INCOMING.matcher(name);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }
}
