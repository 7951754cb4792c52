package io.smsconversations.conversation.delivery;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.EventTypes;

/**
 * Consumes the gateway's delivery reports ({@code sms.delivery-reports}) and moves outbound messages forward. A report
 * naming a provider message id no message carries yet (it overtook the SendAccepted) is kept and applied when that
 * SendAccepted arrives. Unreadable records go to the dead-letter topic at once; a database outage is waited out, so
 * no report is lost to one (event-consumers).
 */
@ApplicationScoped
public class DeliveryReportConsumer {

    public static final String CHANNEL = "delivery-reports";

    private static final Logger LOG = Logger.getLogger(DeliveryReportConsumer.class);

    private final DeliveryReports reports;
    private final EventConsumers consumers;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public DeliveryReportConsumer(DeliveryReports reports, EventConsumers consumers, ObjectMapper json,
            MeterRegistry registry) {
        this.reports = reports;
        this.consumers = consumers;
        this.json = json;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        return consumers.process(CHANNEL, record, event -> {
            DeliveryReportReceived report = read(event);
            return reports.apply(event.id(), report).invoke(applied -> {
                String outcome = applied.name().toLowerCase(Locale.ROOT).replace('_', '-');
                registry.counter("conversation.delivery.reports", "outcome", outcome).increment();
                LOG.infof("Delivery report %s (%s %s of %s message %s): %s", event.id(), report.status(),
                        report.reason() == null ? "" : report.reason(), report.provider(),
                        report.providerMessageId(), outcome);
            });
        });
    }

    private DeliveryReportReceived read(IncomingEvent event) {
        DeliveryReportReceived report = event.requireType(EventTypes.DELIVERY_REPORT_RECEIVED)
                .payloadAs(json, DeliveryReportReceived.class);
        IncomingEvent.requireFields(new String[] { "provider", "providerMessageId", "status", "reportedAt" },
                report.provider(), report.providerMessageId(), report.status(), report.reportedAt());
        return report;
    }
}
