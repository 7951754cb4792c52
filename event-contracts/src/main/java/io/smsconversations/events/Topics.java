package io.smsconversations.events;

/**
 * Every Kafka topic of the suite. The keys and payloads of each are documented in docs/events.md.
 */
public final class Topics {

    /** inbound-gateway -> routing-service. Key: {@link ConversationKey}. */
    public static final String INBOUND_MESSAGES = "sms.inbound-messages";
    /** routing-service -> conversation-service. Key: {@link ConversationKey}. */
    public static final String MESSAGE_ATTACHMENTS = "sms.message-attachments";
    /**
     * inbound-gateway -> whoever tracks outbound messages (conversation-service). Key: the provider's message id.
     * Payload {@link DeliveryReportReceived}.
     */
    public static final String DELIVERY_REPORTS = "sms.delivery-reports";
    /** conversation-service -> notification-service (and routing's activity projection). Key: conversation id. */
    public static final String CONVERSATION_EVENTS = "sms.conversation-events";

    /**
     * conversation-service -> inbound-gateway: a seller's message to send. Key: {@link ConversationKey}, so one
     * conversation's sends leave in order. Payload {@link SendRequested}.
     */
    public static final String SEND_REQUESTS = "sms.send-requests";
    /**
     * inbound-gateway -> conversation-service: what the provider answered to a send. Key: the message id. Payloads
     * {@link SendAccepted} and {@link SendFailed}.
     */
    public static final String SEND_RESULTS = "sms.send-results";

    /** Compacted. Key: record id. A null value deletes the record. */
    public static final String DIRECTORY_RECORDS = "directory.records";
    /** Compacted. Key: seller id (the OIDC subject). A null value deletes the seller. */
    public static final String DIRECTORY_SELLERS = "directory.sellers";
    /** Compacted. Key: team id. A null value deletes the team. Members are the sellers naming it. */
    public static final String DIRECTORY_TEAMS = "directory.teams";
    /** Compacted. Key: the E.164 business number. A null value deletes the number. */
    public static final String DIRECTORY_BUSINESS_NUMBERS = "directory.business-numbers";

    private Topics() {
    }
}
