package io.smsconversations.routing.decision;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventIds;
import io.smsconversations.routing.directory.DirectoryPublisher;
import io.smsconversations.routing.directory.DirectoryStore;

/**
 * Routes every inbound message (SPEC §4): reads the candidates, lets {@link RoutingRules} choose (or creates a lead),
 * stores the decision, publishes {@code MessageAttached}, and only then acknowledges the Kafka record, so its offset
 * is committed after the attach event is durably written.
 * <p>
 * Idempotent on the inbound event id: a decision is stored once; a redelivered event whose attach event was already
 * acknowledged is dropped, one whose attach event was not (a crash in between) republishes the stored decision with
 * the same event id. That also makes waiting out an outage safe: the routing of the event is simply run again
 * until the database and the broker take it ({@link EventConsumers}), never dead-lettered for it.
 * <p>
 * Each step is a method of its own; the publishers return on this record's Vert.x context, so every step after a
 * send runs where Hibernate Reactive needs it.
 */
@ApplicationScoped
public class InboundRouter {

    static final String CHANNEL = "inbound-messages";

    private static final Logger LOG = Logger.getLogger(InboundRouter.class);

    private final RoutingDirectory directory;
    private final DecisionStore decisions;
    private final DirectoryStore store;
    private final DirectoryPublisher directoryPublisher;
    private final AttachmentPublisher attachments;
    private final RoutingMetrics metrics;
    private final EventConsumers consumers;
    private final ObjectMapper json;
    private final Clock clock;

    InboundRouter(RoutingDirectory directory, DecisionStore decisions, DirectoryStore store,
            DirectoryPublisher directoryPublisher, AttachmentPublisher attachments, RoutingMetrics metrics,
            EventConsumers consumers, ObjectMapper json, Clock clock) {
        this.directory = directory;
        this.decisions = decisions;
        this.store = store;
        this.directoryPublisher = directoryPublisher;
        this.attachments = attachments;
        this.metrics = metrics;
        this.consumers = consumers;
        this.json = json;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onInbound(Message<String> message) {
        return consumers.process(CHANNEL, message, event -> route(InboundEvent.parse(event, json)));
    }

    Uni<Void> route(InboundEvent event) {
        return directory.snapshotUnlessDecided(event.id(), event.from(), event.to())
                .chain(snapshot -> snapshot.isPresent()
                        ? decide(event, snapshot.get()).chain(decision -> publishAttach(event, decision))
                        : routedBefore(event));
    }

    /** A redelivered event: dropped when its attach event was acknowledged, else that event is published again. */
    private Uni<Void> routedBefore(InboundEvent event) {
        return decisions.find(event.id()).chain(stored -> {
            if (stored.isEmpty()) {
                // Seen a moment ago, so it cannot be gone (decisions are never deleted): a broken invariant.
                return Uni.createFrom().failure(new IllegalStateException("decision for " + event.id()
                        + " vanished"));
            }
            if (stored.get().attachPublished()) {
                LOG.debugf("inbound %s: already routed, dropped", event.id());
                return Uni.createFrom().voidItem();
            }
            LOG.infof("inbound %s: decided before its attach event was acknowledged, publishing it again",
                    event.id());
            return publishAttach(event, stored.get().decision());
        });
    }

    private Uni<Decision> decide(InboundEvent event, RoutingSnapshot snapshot) {
        if (!snapshot.numberKnown()) {
            LOG.warnf("inbound %s: business number %s is not in the directory", event.id(),
                    E164.masked(event.to()));
        }
        Optional<RoutingChoice> choice = RoutingRules.choose(RoutingInput.of(snapshot));
        if (choice.isEmpty()) {
            return createLead(event, snapshot);
        }
        return store(Decision.made(event, snapshot, Verdict.chosen(choice.get(), snapshot), clock.instant()));
    }

    /**
     * No candidate: a lead for the number, published to the directory (acks=all) like any record and inserted here
     * at once (if absent), so the next reply from the number finds it even before our directory consumer has.
     */
    private Uni<Decision> createLead(InboundEvent event, RoutingSnapshot snapshot) {
        return directory.freeLeadId(event.from()).chain(leadId -> {
            DirectoryRecord lead = Leads.newLead(leadId, event.from(), snapshot.assignment(), clock.instant());
            Decision decision = Decision.made(event, snapshot, Verdict.newLead(lead, snapshot), lead.modifiedOn());
            return directoryPublisher.publishRecord(lead, EventIds.derived("lead", event.id()))
                    .invoke(metrics::leadCreated)
                    .chain(() -> Panache.withTransaction(() -> store.insertRecordIfAbsent(lead)
                            .chain(() -> store(decision))));
        });
    }

    private Uni<Decision> store(Decision decision) {
        return decisions.insert(decision).invoke(stored -> metrics.decided(stored.rule()));
    }

    private Uni<Void> publishAttach(InboundEvent event, Decision decision) {
        return attachments.publish(decision.attach(event.message()))
                .chain(() -> decisions.markAttachPublished(event.id(), clock.instant()))
                .invoke(() -> LOG.infof("inbound %s: %s -> %s attached to record %s (%s; %d candidate(s))",
                        event.id(), E164.masked(event.from()), E164.masked(event.to()), decision.record().id(),
                        decision.reason(), decision.candidateIds().size()));
    }
}
