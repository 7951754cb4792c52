package io.smsconversations.routing.decision;

/**
 * The record a message goes to, the rule that decided, and that reason in words (e.g. "rule 4: record type
 * contact"), which travels in {@code MessageAttached.decidingRule}.
 */
public record RoutingChoice(Candidate record, DecidingRule rule, String reason) {
}
