package io.smsconversations.routing.decision;

import java.util.List;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.RecordRef;

/**
 * What the rules concluded for one inbound message, before it is recorded as a {@link Decision}: the record, the
 * deciding rule with its reason and steps, who is alerted, and whether the record is a lead made for it.
 */
record Verdict(RecordRef record, DecidingRule rule, String reason, List<RoutingChoice.Step> steps,
        List<AlertRecipient> alerts, boolean leadCreated) {

    Verdict {
        steps = List.copyOf(steps);
        alerts = List.copyOf(alerts);
    }

    /** SPEC §4: the rules chose one of the candidates. */
    static Verdict chosen(RoutingChoice choice, RoutingSnapshot snapshot) {
        return new Verdict(choice.record().ref(), choice.rule(), choice.reason(), choice.steps(),
                AlertRecipients.forRecord(choice.record().owner(), snapshot.assignment(), snapshot.sellers()), false);
    }

    /** SPEC §4, no candidate: the message goes to a lead made for the customer's number. */
    static Verdict newLead(DirectoryRecord lead, RoutingSnapshot snapshot) {
        return new Verdict(new RecordRef(lead.id(), lead.type(), lead.name(), lead.owner()), DecidingRule.NEW_LEAD,
                "new lead", List.of(),
                AlertRecipients.forRecord(lead.owner(), snapshot.assignment(), snapshot.sellers()), true);
    }
}
