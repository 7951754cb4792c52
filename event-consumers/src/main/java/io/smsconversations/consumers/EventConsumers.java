package io.smsconversations.consumers;

import io.smsconversations.events.LogSafe;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * How every {@code @Incoming} method of the suite handles its record:
 * <ol>
 * <li>read it as an {@link IncomingEvent} (a broken one is poison);</li>
 * <li>run the consumer's work under {@link ConsumerRetries}: an outage is waited out with the record unacknowledged
 * (the partition pauses there, readiness names the channel), a poison record is refused at once, another failure is
 * retried a few times;</li>
 * <li>acknowledge the record once the work is done, or once its dead letter is written ({@link DeadLetters}).</li>
 * </ol>
 * The work must be idempotent on the event (a redelivery after a crash runs it again). A record is only nacked when
 * its dead letter could not be written for a reason other than an outage: the channel then stops
 * ({@code failure-strategy=fail}) rather than lose it.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final ConsumerRetries retries;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;

    public EventConsumers(ConsumerRetries retries, DeadLetters deadLetters, MeterRegistry registry) {
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /** A record that must be a CloudEvent. */
    public Uni<Void> process(String channel, Message<String> record, Function<IncomingEvent, Uni<?>> work) {
        return run(channel, record, () -> work.apply(IncomingEvent.cloudEvent(record)));
    }

    /** A record that may come without CloudEvents headers (directory entries, tombstones). */
    public Uni<Void> processEntry(String channel, Message<String> record, Function<IncomingEvent, Uni<?>> work) {
        return run(channel, record, () -> work.apply(IncomingEvent.entry(record)));
    }

    /**
     * For a consumer that runs records side by side (the gateway's send lanes): {@code read} turns the event into
     * the consumer's request (poison: dead-lettered at once, nothing admitted); {@code admit} is handed the request
     * and its settled work and completes once it has taken the record in, so the next record may come. The settled
     * work, run whenever the consumer runs it, does {@code work} under the same rule as {@link #process} and then
     * acknowledges the record, or dead-letters it. Records of a partition are thus acknowledged out of order; the
     * throttled commit strategy commits only the acknowledged prefix of each partition.
     */
    public <T> Uni<Void> processConcurrently(String channel, Message<String> record, Function<IncomingEvent, T> read,
            Function<T, Uni<?>> work, BiFunction<T, Supplier<Uni<Void>>, Uni<?>> admit) {
        T request;
        try {
            request = read.apply(IncomingEvent.cloudEvent(record));
        } catch (RuntimeException unreadable) {
            return settle(channel, record, unreadable);
        }
        return admit.apply(request, () -> run(channel, record, () -> work.apply(request))).replaceWithVoid();
    }

    private Uni<Void> run(String channel, Message<String> record, Supplier<Uni<?>> work) {
        return retries.run(channel, work::get)
                .onItemOrFailure().transformToUni((done, failure) -> failure == null
                        ? acknowledged(channel, record, "processed")
                        : settle(channel, record, failure));
    }

    /** Dead-letters a record that failed, then acknowledges it; nacks it only when its dead letter is unwritable. */
    private Uni<Void> settle(String channel, Message<String> record, Throwable failure) {
        return deadLetters.send(channel, record, failure)
                .chain(() -> acknowledged(channel, record, "dead-lettered"))
                .onFailure().recoverWithUni(unwritable -> refused(channel, record, unwritable));
    }

    private Uni<Void> acknowledged(String channel, Message<String> record, String outcome) {
        Counter.builder("sms.consumer.records").description("Records consumed, by outcome")
                .tags("channel", channel, "outcome", outcome).register(registry).increment();
        return Uni.createFrom().completionStage(record::ack);
    }

    private Uni<Void> refused(String channel, Message<String> record, Throwable unwritable) {
        LOG.errorf("%s: record %s could not be dead-lettered (%s); the channel stops rather than lose it", channel,
                IncomingEvent.where(record), LogSafe.failure(unwritable));
        return Uni.createFrom().completionStage(() -> record.nack(unwritable));
    }
}
