package io.smsconversations.routing.decision;

import java.util.List;

/**
 * The record a message goes to, the rule that decided, and that reason in words (e.g. "rule 4: record type
 * contact"), which travels in {@code MessageAttached.decidingRule}.
 *
 * @param steps how many candidates each rule looked at and kept, in order, up to the rule that decided (empty for a
 *              single candidate): what the explanation API shows an admin
 */
public record RoutingChoice(Candidate record, DecidingRule rule, String reason, List<Step> steps) {

    public RoutingChoice {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public RoutingChoice(Candidate record, DecidingRule rule, String reason) {
        this(record, rule, reason, List.of());
    }

    /** One rule applied: it looked at {@code before} candidates and kept {@code after} of them. */
    public record Step(DecidingRule rule, int before, int after) {

        @Override
        public String toString() {
            return rule.key() + ": " + after + " of " + before + " kept";
        }
    }
}
