package io.smsconversations.gateway.send;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * Resolves a call whose outcome is unknown by asking the provider, in its lane, whether it has the message. A match
 * the ledger already knows under another request (two identical texts to the same customer) is not this request's.
 */
@ApplicationScoped
public class UnknownOutcomes {

    private final ProviderLanes lanes;
    private final SendLedger ledger;
    private final SendSteps steps;
    private final SendMetrics metrics;

    @Inject
    public UnknownOutcomes(ProviderLanes lanes, SendLedger ledger, SendSteps steps, SendMetrics metrics) {
        this.lanes = lanes;
        this.ledger = ledger;
        this.steps = steps;
        this.metrics = metrics;
    }

    /** {@code Found} with this request's provider message id first, {@code NotFound}, or {@code Unanswered}. */
    public Uni<SendLookup> resolve(ProviderSender sender, OutboundSend send) {
        String requestId = send.request().requestId();
        return lanes.lookUp(sender, send)
                .flatMap(lookup -> lookup instanceof SendLookup.Found found
                        ? steps.beforeCall(SendSteps.READ, requestId, () -> ledger.takenByOthers(sender.provider(),
                                found.providerMessageIds(), requestId)).map(taken -> mine(found, taken))
                        : Uni.createFrom().item(lookup))
                .invoke(result -> metrics.lookup(sender.provider(), kind(result)));
    }

    private static SendLookup mine(SendLookup.Found found, Set<String> taken) {
        List<String> mine = found.providerMessageIds().stream().filter(id -> !taken.contains(id)).toList();
        return mine.isEmpty() ? new SendLookup.NotFound() : new SendLookup.Found(mine);
    }

    private static String kind(SendLookup lookup) {
        if (lookup instanceof SendLookup.Found) {
            return "found";
        }
        return lookup instanceof SendLookup.NotFound ? "not-found" : "unanswered";
    }
}
