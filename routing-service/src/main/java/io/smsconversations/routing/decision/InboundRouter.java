package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smsconversations.consumers.CallerContext;
import io.smsconversations.consumers.EventConsumers;
import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.LogSafe;
import io.smsconversations.routing.activity.LastConversation;
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
 */
@ApplicationScoped
public class InboundRouter {

    static final String CHANNEL = "inbound-messages";

    private static final Logger LOG = Logger.getLogger(InboundRouter.class);

    @Inject
    RoutingDirectory directory;

    @Inject
    DecisionStore decisions;

    @Inject
    DirectoryStore store;

    @Inject
    DirectoryPublisher directoryPublisher;

    @Inject
    AttachmentPublisher attachments;

    @Inject
    RoutingMetrics metrics;

    @Inject
    EventConsumers consumers;

    @Inject
    ObjectMapper json;

    @Incoming(CHANNEL)
    public Uni<Void> onInbound(Message<String> message) {
        return consumers.process(CHANNEL, message, event -> route(InboundEvent.parse(event, json)));
    }

    Uni<Void> route(InboundEvent event) {
        Executor here = CallerContext.executor();
        return decisions.find(event.id()).chain(stored -> {
            if (stored.isEmpty()) {
                return decide(event, here).chain(decision -> publishAttach(event, decision, here));
            }
            if (stored.get().attachPublished()) {
                LOG.debugf("inbound %s: already routed, dropped", event.id());
                return Uni.createFrom().voidItem();
            }
            LOG.infof("inbound %s: decided before its attach event was acknowledged, publishing it again",
                    event.id());
            return publishAttach(event, stored.get().decision(), here);
        });
    }

    private Uni<Decision> decide(InboundEvent event, Executor here) {
        return directory.snapshot(event.from(), event.to()).chain(snapshot -> {
            if (!snapshot.numberKnown()) {
                LOG.warnf("inbound %s: business number %s is not in the directory", event.id(),
                        E164.masked(event.to()));
            }
            Optional<RoutingChoice> choice = RoutingRules.choose(new RoutingInput(snapshot.candidates(),
                    snapshot.assignment(), snapshot.sellers(), snapshot.lastConversationCandidateId()));
            if (choice.isPresent()) {
                RoutingChoice chosen = choice.get();
                List<AlertRecipient> alerts = AlertRecipients.forRecord(chosen.record().owner(),
                        snapshot.assignment(), snapshot.sellers());
                return store(decision(event, snapshot, chosen.record().ref(), chosen.rule(), chosen.reason(),
                        chosen.steps(), alerts, false, DirectoryStore.now()));
            }
            return createLead(event, snapshot, here);
        });
    }

    /**
     * No candidate: a lead for the number, published to the directory (acks=all) like any record and inserted here
     * at once (if absent), so the next reply from the number finds it even before our directory consumer has.
     */
    private Uni<Decision> createLead(InboundEvent event, RoutingSnapshot snapshot, Executor here) {
        return directory.freeLeadId(event.from()).chain(leadId -> {
            DirectoryRecord lead = Leads.newLead(leadId, event.from(), snapshot.assignment(), DirectoryStore.now());
            RecordRef ref = new RecordRef(lead.id(), lead.type(), lead.name(), lead.owner());
            Decision decision = decision(event, snapshot, ref, DecidingRule.NEW_LEAD, "new lead", List.of(),
                    AlertRecipients.forRecord(lead.owner(), snapshot.assignment(), snapshot.sellers()), true,
                    lead.modifiedOn());
            return directoryPublisher.publishRecord(lead, EventIds.derived("lead", event.id()))
                    .emitOn(here)
                    .invoke(metrics::leadCreated)
                    .chain(() -> Panache.withTransaction(() -> store.insertRecordIfAbsent(lead)
                            .chain(() -> store(decision))));
        });
    }

    /** A decision with everything it looked at, so that it can be explained later (candidates sorted by id). */
    private static Decision decision(InboundEvent event, RoutingSnapshot snapshot, RecordRef record,
            DecidingRule rule, String reason, List<RoutingChoice.Step> steps, List<AlertRecipient> alerts,
            boolean leadCreated, Instant decidedAt) {
        Map<String, List<String>> ownerTeams = new TreeMap<>();
        snapshot.candidates().forEach(c -> {
            if (c.ownerSellerId() != null) {
                ownerTeams.put(c.ownerSellerId(), snapshot.sellers().teamsOf(c.ownerSellerId()).stream().sorted()
                        .toList());
            }
        });
        DecisionInputs inputs = new DecisionInputs(snapshot.numberKnown(),
                List.copyOf(snapshot.assignment().sellerIds()), List.copyOf(snapshot.assignment().teamIds()),
                ownerTeams, snapshot.lastConversation().map(LastConversation::recordId).orElse(null),
                snapshot.lastConversation().map(LastConversation::at).orElse(null),
                steps.stream().map(RoutingChoice.Step::toString).toList(), snapshot.teamNames());
        List<Candidate> candidates = snapshot.candidates().stream()
                .sorted(Comparator.comparing(Candidate::id)).toList();
        return new Decision(event.id(), event.message().provider(), event.message().providerMessageId(),
                event.from(), event.to(), candidates, record, rule, reason, alerts, leadCreated, decidedAt, inputs);
    }

    private Uni<Decision> store(Decision decision) {
        return decisions.insert(decision).invoke(stored -> metrics.decided(stored.rule()));
    }

    private Uni<Void> publishAttach(InboundEvent event, Decision decision, Executor here) {
        return attachments.publish(decision.attach(event.message()))
                .emitOn(here)
                .chain(() -> decisions.markAttachPublished(event.id(), DirectoryStore.now()))
                .invoke(() -> LOG.infof("inbound %s: %s -> %s attached to record %s (%s; %d candidate(s))",
                        event.id(), E164.masked(event.from()), E164.masked(event.to()), decision.record().id(),
                        decision.reason(), decision.candidateIds().size()));
    }
}
