package io.smsconversations.consumers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsconversations.consumers.Availability.Dependency;

/**
 * Which channels are waiting out an outage right now, and since when. A record whose work failed because the
 * database or the broker is away stays unacknowledged and is retried; while any record of a channel waits, the
 * channel is reported DOWN on readiness ({@link ConsumerReadiness}) so operators and Kubernetes see why the instance
 * makes no progress; liveness stays UP because the instance recovers on its own.
 * <p>
 * Metrics: {@code sms.consumer.outage.waits} (failed attempts while waiting, by channel and dependency),
 * {@code sms.consumer.outage.waiting} (records waiting now, by channel) and {@code sms.consumer.outage.duration}
 * (how long each record waited, by channel).
 */
@ApplicationScoped
public class ChannelOutages {

    private static final Logger LOG = Logger.getLogger(ChannelOutages.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, ChannelWait> waits = new ConcurrentHashMap<>();

    @Inject
    public ChannelOutages(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    ChannelOutages(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** One record's wait on {@code channel}; {@link Wait#failed} on every failed attempt, {@link Wait#ended} once. */
    public Wait begin(String channel) {
        return new Wait(channel);
    }

    /** The channels waiting now, by name. */
    public Map<String, Snapshot> waiting() {
        Map<String, Snapshot> out = new TreeMap<>();
        waits.forEach((channel, wait) -> {
            if (wait.records.get() > 0) {
                out.put(channel, wait.snapshot());
            }
        });
        return out;
    }

    public boolean isWaiting(String channel) {
        ChannelWait wait = waits.get(channel);
        return wait != null && wait.records.get() > 0;
    }

    /** What readiness shows of a waiting channel. */
    public record Snapshot(Instant since, long records, long failedAttempts, Set<String> dependencies) {
    }

    private ChannelWait channel(String channel) {
        return waits.computeIfAbsent(channel, name -> new ChannelWait(name, registry));
    }

    /** The wait of one record; not thread-safe, as one record's attempts run one after another. */
    public final class Wait {

        private final String channel;
        private Instant since;

        private Wait(String channel) {
            this.channel = channel;
        }

        /** An attempt failed because {@code dependency} is away; the record will be tried again. */
        public void failed(Dependency dependency) {
            ChannelWait wait = channel(channel);
            if (since == null) {
                since = clock.instant();
                if (wait.records.getAndIncrement() == 0) {
                    wait.since = since;
                    LOG.warnf("%s: waiting for the %s to come back; the record stays unacknowledged", channel,
                            dependency.tag());
                }
            }
            wait.attempts.incrementAndGet();
            wait.dependencies.add(dependency.tag());
            Counter.builder("sms.consumer.outage.waits")
                    .description("Attempts that failed because a dependency was away (each is retried)")
                    .tags("channel", channel, "dependency", dependency.tag())
                    .register(registry).increment();
        }

        /** The record is done with (processed, or dead-lettered for another reason). */
        public void ended() {
            if (since == null) {
                return;
            }
            ChannelWait wait = channel(channel);
            Duration waited = Duration.between(since, clock.instant());
            wait.duration.record(waited);
            since = null;
            if (wait.records.decrementAndGet() == 0) {
                LOG.infof("%s: recovered after %d ms", channel, waited.toMillis());
                wait.attempts.set(0);
                wait.dependencies.clear();
                wait.since = null;
            }
        }
    }

    private static final class ChannelWait {

        final AtomicLong records = new AtomicLong();
        final AtomicLong attempts = new AtomicLong();
        final Set<String> dependencies = ConcurrentHashMap.newKeySet();
        final Timer duration;
        volatile Instant since;

        ChannelWait(String channel, MeterRegistry registry) {
            Gauge.builder("sms.consumer.outage.waiting", records, AtomicLong::get)
                    .description("Records waiting for a dependency to come back")
                    .tag("channel", channel).register(registry);
            duration = Timer.builder("sms.consumer.outage.duration")
                    .description("How long records waited for a dependency to come back")
                    .tag("channel", channel).register(registry);
        }

        Snapshot snapshot() {
            return new Snapshot(since, records.get(), attempts.get(), Set.copyOf(dependencies));
        }
    }
}
