package io.smsconversations.routing.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.consumers.IncomingEvent;
import io.smsconversations.consumers.PoisonRecordException;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.BusinessAddress;
import io.smsconversations.events.E164;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;

/**
 * What a {@code sms.conversation-events} event says about who holds a conversation (routing rule 1): pure, so its
 * rules (which types count, which fields an event must have, numbers in E.164) are tested without a broker.
 */
final class ConversationActivities {

    private ConversationActivities() {
    }

    /**
     * The activity an event reports; null for a known type that says nothing about who holds the conversation
     * (delivery statuses, opt-out changes). An unknown type is dead-lettered: every type conversation-service
     * publishes on the topic is listed here, so an unknown one is a contract this version does not know.
     */
    static ConversationActivity of(IncomingEvent ce, ObjectMapper json) {
        return switch (ce.type()) {
            case EventTypes.CONVERSATION_MESSAGE_ADDED -> added(ce, ce.payloadAs(json, ConversationMessageAdded.class));
            case EventTypes.CONVERSATION_MOVED -> moved(ce, ce.payloadAs(json, ConversationMoved.class));
            case EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, EventTypes.CONVERSATION_OPT_OUT_CHANGED -> null;
            default -> throw new PoisonRecordException("unknown CloudEvents type on " + Topics.CONVERSATION_EVENTS
                    + " (known: " + EventTypes.CONVERSATION_MESSAGE_ADDED + ", " + EventTypes.CONVERSATION_MOVED
                    + ", " + EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED + ", "
                    + EventTypes.CONVERSATION_OPT_OUT_CHANGED + ")");
        };
    }

    private static ConversationActivity added(IncomingEvent ce, ConversationMessageAdded added) {
        List<String> missing = new ArrayList<>();
        if (added.record() == null || blank(added.record().id())) {
            missing.add("record.id");
        }
        checkEnds(added.customerNumber(), added.businessNumber(), added.occurredAt(), "occurredAt", missing);
        return activity(ce, added.customerNumber(), added.businessNumber(), added.record().id(),
                added.conversationId(), added.occurredAt());
    }

    /**
     * A move: from now on the conversation between the two numbers is on the record it moved to. As an activity on
     * that record at the time of the move, it supersedes every message stored on the old record before the move.
     */
    private static ConversationActivity moved(IncomingEvent ce, ConversationMoved moved) {
        List<String> missing = new ArrayList<>();
        if (moved.to() == null || blank(moved.to().id())) {
            missing.add("to.id");
        }
        checkEnds(moved.customerNumber(), moved.businessNumber(), moved.movedAt(), "movedAt", missing);
        return activity(ce, moved.customerNumber(), moved.businessNumber(), moved.to().id(), moved.conversationId(),
                moved.movedAt());
    }

    private static void checkEnds(String customer, String business, Instant at, String atField,
            List<String> missing) {
        if (blank(customer)) {
            missing.add("customerNumber");
        }
        if (blank(business)) {
            missing.add("businessNumber");
        }
        if (at == null) {
            missing.add(atField);
        }
        if (!missing.isEmpty()) {
            throw new PoisonRecordException("missing field(s): " + String.join(", ", missing));
        }
    }

    private static ConversationActivity activity(IncomingEvent ce, String customerNumber, String businessNumber,
            String recordId, String conversationId, Instant at) {
        String customer = E164.normalise(customerNumber)
                .orElseThrow(() -> new PoisonRecordException("customerNumber is not an E.164 number"));
        // A conversation on a short code (or one a seller started from a sender id) is activity like any other.
        String business = BusinessAddress.ofKey(businessNumber).map(BusinessAddress::key)
                .or(() -> E164.normalise(businessNumber))
                .orElseThrow(() -> new PoisonRecordException("businessNumber is not " + BusinessAddress.EXPECTED));
        return new ConversationActivity(customer, business, recordId, conversationId, at, ce.id(), ce.type());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
