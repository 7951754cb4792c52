package io.smsconversations.routing.decision;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MessageAttached;
import io.smsconversations.events.RecordRef;

/**
 * What was decided for one inbound event: stored before the attach event is published, so that a redelivered event
 * republishes this very decision instead of deciding again on a directory that may have changed.
 */
public record Decision(
        String inboundEventId,
        String customerNumber,
        String businessNumber,
        List<String> candidateIds,
        RecordRef record,
        DecidingRule rule,
        String reason,
        List<AlertRecipient> alerts,
        boolean leadCreated,
        Instant decidedAt) {

    public Decision {
        candidateIds = List.copyOf(candidateIds);
        alerts = List.copyOf(alerts);
    }

    public MessageAttached attach(InboundMessageReceived message) {
        return new MessageAttached(inboundEventId, message, record, reason, alerts);
    }

    static DecidingRule ruleOf(String key) {
        return Arrays.stream(DecidingRule.values()).filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown rule key " + key));
    }
}
