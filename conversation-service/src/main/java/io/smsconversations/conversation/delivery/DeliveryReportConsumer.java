package io.smsconversations.conversation.delivery;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.consume.ConsumedRecords;
import io.smsconversations.conversation.consume.RecordRetries;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.LogSafe;

/**
 * Consumes the gateway's delivery reports ({@code sms.delivery-reports}) and moves outbound messages forward. A report
 * naming a provider message id no message carries yet (it overtook the SendAccepted) is kept and applied when that
 * SendAccepted arrives.
 * Unreadable records go to the dead-letter topic at once; database failures are retried first.
 */
@ApplicationScoped
public class DeliveryReportConsumer {

    public static final String CHANNEL = "delivery-reports";

    private static final Logger LOG = Logger.getLogger(DeliveryReportConsumer.class);

    @Inject
    DeliveryReports reports;

    @Inject
    ObjectMapper json;

    @Inject
    RecordRetries retries;

    @Inject
    MeterRegistry registry;

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        String eventId = ConsumedRecords.header(record, "ce_id");
        DeliveryReportReceived report;
        try {
            report = read(record, eventId);
        } catch (IllegalArgumentException poison) {
            registry.counter("conversation.delivery.reports", "outcome", "dead-lettered").increment();
            LOG.warnf("Delivery report %s refused, sending it to the dead-letter topic: %s",
                    ConsumedRecords.where(record), LogSafe.text(poison.getMessage()));
            return Uni.createFrom().completionStage(() -> record.nack(poison));
        }
        return retries.retried(() -> reports.apply(eventId, report))
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure != null) {
                        registry.counter("conversation.delivery.reports", "outcome", "dead-lettered").increment();
                        LOG.errorf("Delivery report %s failed its retries; dead-lettered: %s", eventId,
                                LogSafe.failure(failure));
                        return Uni.createFrom().completionStage(() -> record.nack(failure));
                    }
                    String outcome = applied.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                    registry.counter("conversation.delivery.reports", "outcome", outcome).increment();
                    LOG.infof("Delivery report %s (%s %s of %s message %s): %s", eventId, report.status(),
                            report.reason() == null ? "" : report.reason(), report.provider(),
                            report.providerMessageId(), outcome);
                    return Uni.createFrom().completionStage(record::ack);
                });
    }

    private DeliveryReportReceived read(Message<String> record, String eventId) {
        String type = ConsumedRecords.header(record, "ce_type");
        if (eventId == null || !EventTypes.DELIVERY_REPORT_RECEIVED.equals(type)) {
            throw new IllegalArgumentException("not a " + EventTypes.DELIVERY_REPORT_RECEIVED + " CloudEvent");
        }
        DeliveryReportReceived report;
        try {
            report = json.readValue(record.getPayload(), DeliveryReportReceived.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value is not a DeliveryReportReceived: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record has no value");
        }
        if (report == null || report.provider() == null || report.providerMessageId() == null
                || report.status() == null || report.reportedAt() == null) {
            throw new IllegalArgumentException("provider, providerMessageId, status and reportedAt are required");
        }
        return report;
    }
}
