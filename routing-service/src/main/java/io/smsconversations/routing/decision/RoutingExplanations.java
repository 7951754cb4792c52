package io.smsconversations.routing.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.Owner;

/**
 * Puts a stored decision into words a person can read. Pure: the text depends only on what was stored at decision
 * time, never on the directory as it is now. Phone numbers are left to the structured fields.
 */
public final class RoutingExplanations {

    private RoutingExplanations() {
    }

    public static DecisionExplanation explain(DecisionStore.Stored stored) {
        Decision d = stored.decision();
        DecisionInputs in = d.inputs();
        String summary = count(d.candidates().size()) + "; " + d.reason();
        Map<String, String> names = in == null ? Map.of() : in.teamNames();
        List<String> details = new ArrayList<>();

        if (d.candidates().isEmpty()) {
            details.add("No record carried the customer's number.");
        } else {
            details.add(count(d.candidates().size()) + " carried the customer's number: "
                    + d.candidates().stream().map(c -> describe(c, names)).collect(Collectors.joining("; "))
                    + ".");
        }
        boolean lastIsCandidate = false;
        if (in == null) {
            details.add("This decision was stored before the inputs of the rules were recorded: only the candidates' "
                    + "ids and the deciding rule are known.");
        } else {
            if (!in.numberKnown()) {
                details.add("The business number was not in the directory: rules 2 and 3 had nobody to look for.");
            } else {
                details.add("The business number is assigned to " + owners(in, names) + ".");
            }
            String last = in.lastConversationRecordId();
            lastIsCandidate = last != null && d.candidateIds().contains(last);
            if (last == null) {
                details.add("No earlier conversation between this customer and this business number was known: "
                        + "rule 1 could not decide.");
            } else if (lastIsCandidate) {
                details.add("The most recent conversation between this customer and this business number was on "
                        + "record " + last + " (" + in.lastConversationAt() + ").");
            } else {
                details.add("The most recent conversation between this customer and this business number was on "
                        + "record " + last + " (" + in.lastConversationAt() + "), which no longer carried the number: "
                        + "rule 1 could not use it.");
            }
            if (!in.steps().isEmpty()) {
                details.add("Candidates kept by each rule: " + String.join(", ", in.steps()) + ".");
            }
        }
        details.add((d.leadCreated() ? "A new lead was created: " : "Chosen: ") + "record " + d.record().id() + " ("
                + lower(d.record().type()) + " '" + d.record().name() + "'" + ownedBy(d.record().owner(), names)
                + "), by "
                + d.reason() + ".");
        if (!d.alerts().isEmpty()) {
            details.add("Alerted: " + d.alerts().stream().map(RoutingExplanations::alert)
                    .collect(Collectors.joining(", ")) + ".");
        } else {
            details.add("Nobody could be alerted: the record and the business number have no known seller.");
        }

        List<DecisionExplanation.ExplainedCandidate> candidates = d.candidates().stream()
                .map(c -> new DecisionExplanation.ExplainedCandidate(c.id(), c.type(), c.name(), c.owner(),
                        c.active(), c.modifiedOn(), c.id().equals(d.record().id())))
                .toList();
        DecisionExplanation.Inputs inputs = in == null ? null
                : new DecisionExplanation.Inputs(in.numberKnown(), in.numberOwnerSellerIds(),
                        in.numberOwnerTeamIds(), in.ownerSellerTeams(), in.lastConversationRecordId(),
                        in.lastConversationAt(), lastIsCandidate, in.steps(), in.teamNames());
        return new DecisionExplanation(d.provider(), d.providerMessageId(), d.inboundEventId(), d.customerNumber(),
                d.businessNumber(), summary, details, d.record(), d.rule().key(), d.reason(), candidates, inputs,
                d.alerts(), d.leadCreated(), d.decidedAt(), stored.attachPublishedAt());
    }

    static String count(int candidates) {
        return switch (candidates) {
            case 0 -> "no candidate";
            case 1 -> "1 candidate";
            default -> candidates + " candidates";
        };
    }

    private static String describe(Candidate c, Map<String, String> names) {
        if (c.type() == null) {
            return c.id();
        }
        return c.id() + " (" + lower(c.type()) + ownedBy(c.owner(), names) + ", " + (c.active() ? "active" : "inactive")
                + ", modified " + (c.modifiedOn() == null ? "at an unknown time" : c.modifiedOn().toString()) + ")";
    }

    private static String owners(DecisionInputs in, Map<String, String> names) {
        List<String> parts = new ArrayList<>();
        if (!in.numberOwnerSellerIds().isEmpty()) {
            parts.add("seller(s) " + String.join(", ", in.numberOwnerSellerIds()));
        }
        if (!in.numberOwnerTeamIds().isEmpty()) {
            parts.add("team(s) " + in.numberOwnerTeamIds().stream().map(t -> team(t, names))
                    .collect(Collectors.joining(", ")));
        }
        return parts.isEmpty() ? "nobody" : String.join(" and ", parts);
    }

    private static String ownedBy(Owner owner, Map<String, String> names) {
        if (owner == null) {
            return ", no owner";
        }
        return owner.sellerId() != null ? ", owned by seller " + owner.sellerId()
                : ", owned by team " + team(owner.teamId(), names);
    }

    /** A team by id, with the name it had at decision time when it had one: {@code t-west ('West Coast')}. */
    private static String team(String id, Map<String, String> names) {
        String name = names.get(id);
        return name == null ? id : id + " ('" + name + "')";
    }

    private static String alert(AlertRecipient a) {
        return a.sellerId() + (a.sellerPrivilege() ? "" : " (lacks the Seller privilege)");
    }

    private static String lower(Enum<?> value) {
        return value == null ? "record" : value.name().toLowerCase(Locale.ROOT);
    }
}
