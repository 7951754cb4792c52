package io.smsconversations.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smsconversations.events.LogSafe;

/**
 * Writes refused records to their dead-letter topic (see {@link DeadLetter}) on the {@code dead-letters} channel, and
 * waits for the broker's acknowledgement, through an outage if need be, before the caller may acknowledge the
 * original record: a record is never lost because the broker was away when it had to be dead-lettered. (SmallRye's
 * own dead-letter strategy fails the channel when that write fails, and works on whole batches.)
 * <p>
 * Metric: {@code sms.consumer.dead.lettered}, by channel and kind ({@code poison}, {@code retries-exhausted}).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;
    private final ConsumerRetries retries;
    private final MeterRegistry registry;
    private final String service;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter, ConsumerRetries retries,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.retries = retries;
        this.registry = registry;
        this.service = service;
    }

    /** Dead-letters {@code record}, consumed on {@code channel}, for {@code failure}; completes once Kafka has it. */
    public Uni<Void> send(String channel, Message<?> record, Throwable failure) {
        int attempts = failure instanceof PoisonRecordException ? 1 : retries.policy(channel).maxRetries() + 1;
        DeadLetter letter = DeadLetter.of(service, channel, record, failure, attempts);
        String kind = DeadLetter.header(letter.headers(), DeadLetter.KIND);
        // the reasons are written to name what is wrong, not what was there; masked still, should one quote a number
        String reason = LogSafe.text(DeadLetter.header(letter.headers(), DeadLetter.REASON));
        if (failure instanceof PoisonRecordException) {
            LOG.warnf("%s: record %s refused, dead-lettered to %s: %s", channel, IncomingEvent.where(record),
                    letter.topic(), reason);
        } else {
            LOG.errorf("%s: record %s dead-lettered to %s: %s", channel, IncomingEvent.where(record), letter.topic(),
                    reason);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(letter.topic()).withKey(letter.key()).withHeaders(letter.headers()).build();
        return retries.run(channel, () -> emitter.sendMessage(Message.of(letter.value()).addMetadata(metadata)))
                .invoke(() -> Counter.builder("sms.consumer.dead.lettered")
                        .description("Records sent to their dead-letter topic")
                        .tags("channel", channel, "kind", kind).register(registry).increment());
    }
}
