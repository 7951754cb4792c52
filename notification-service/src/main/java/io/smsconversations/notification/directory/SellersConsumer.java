package io.smsconversations.notification.directory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.LogSafe;
import io.smsconversations.notification.intake.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@link TeamMembers} from the compacted topic {@code directory.sellers} (key = seller id, value = a
 * {@link Seller}, null = deleted). Own consumer group, read from the earliest offset, so an empty database rebuilds
 * the projection. An entry that can never be stored (no key, another CloudEvents type, not a Seller) goes to
 * {@code directory.sellers.dlq.notification-service}; a database failure is retried first.
 */
@ApplicationScoped
public class SellersConsumer {

    private static final Logger LOG = Logger.getLogger(SellersConsumer.class);

    private final TeamMembers teams;
    private final ObjectMapper json;

    public SellersConsumer(TeamMembers teams, ObjectMapper json) {
        this.teams = teams;
        this.json = json;
    }

    @Incoming("directory-sellers")
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().deferred(() -> store(message))
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message::ack);
                    }
                    LOG.warnf("directory.sellers entry goes to the dead-letter topic: %s",
                            LogSafe.text(failure.getMessage()));
                    return Uni.createFrom().completionStage(() -> message.nack(failure));
                });
    }

    private Uni<Void> store(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        if (!(kafka.getKey() instanceof String key) || key.isBlank()) {
            throw new PoisonEventException("a directory.sellers entry needs the seller id as key");
        }
        String sellerId = key.strip();
        String value = message.getPayload();
        Uni<Void> write;
        if (value == null) {
            write = teams.forget(sellerId);
        } else {
            Header type = kafka.getHeaders().lastHeader("ce_type");
            if (type != null && !EventTypes.DIRECTORY_SELLER_UPSERTED.equals(
                    new String(type.value(), StandardCharsets.UTF_8))) {
                throw new PoisonEventException("unexpected CloudEvents type on directory.sellers, expected "
                        + EventTypes.DIRECTORY_SELLER_UPSERTED);
            }
            Seller seller = parse(value);
            write = teams.replace(sellerId, seller.teamIds());
        }
        return write.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    private Seller parse(String value) {
        try {
            Seller seller = json.readValue(value, Seller.class);
            if (seller == null) {
                throw new PoisonEventException("value is JSON null, not a Seller");
            }
            return seller;
        } catch (JsonProcessingException e) {
            // the parser's message may quote the value: say where, not what
            var at = e.getLocation();
            throw new PoisonEventException("value is not a Seller in JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }
}
