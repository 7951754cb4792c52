package io.smsconversations.events;

/**
 * CloudEvents {@code type} attribute of every event, versioned so a consumer can refuse what it does not know.
 */
public final class EventTypes {

    public static final String INBOUND_MESSAGE_RECEIVED = "io.smsconversations.inbound-message.received.v1";
    public static final String DELIVERY_REPORT_RECEIVED = "io.smsconversations.delivery-report.received.v1";
    public static final String MESSAGE_ATTACHED = "io.smsconversations.message.attached.v1";
    public static final String CONVERSATION_MESSAGE_ADDED = "io.smsconversations.conversation.message-added.v1";
    public static final String CONVERSATION_MESSAGE_STATUS_CHANGED =
            "io.smsconversations.conversation.message-status-changed.v1";
    public static final String CONVERSATION_MOVED = "io.smsconversations.conversation.moved.v1";
    public static final String CONVERSATION_OPT_OUT_CHANGED = "io.smsconversations.conversation.opt-out-changed.v1";
    public static final String SEND_REQUESTED = "io.smsconversations.send.requested.v1";
    public static final String SEND_ACCEPTED = "io.smsconversations.send.accepted.v1";
    public static final String SEND_FAILED = "io.smsconversations.send.failed.v1";
    public static final String DIRECTORY_TEAM_UPSERTED = "io.smsconversations.directory.team.v1";
    public static final String DIRECTORY_RECORD_UPSERTED = "io.smsconversations.directory.record.v1";
    public static final String DIRECTORY_SELLER_UPSERTED = "io.smsconversations.directory.seller.v1";
    public static final String DIRECTORY_BUSINESS_NUMBER_UPSERTED = "io.smsconversations.directory.business-number.v1";

    /** CloudEvents {@code source} of the events each service emits. */
    public static final String SOURCE_INBOUND_GATEWAY = "/sms-conversations/inbound-gateway";
    public static final String SOURCE_ROUTING_SERVICE = "/sms-conversations/routing-service";
    public static final String SOURCE_CONVERSATION_SERVICE = "/sms-conversations/conversation-service";

    private EventTypes() {
    }
}
