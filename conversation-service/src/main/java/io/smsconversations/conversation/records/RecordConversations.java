package io.smsconversations.conversation.records;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.thread.MessagePreview;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.RecordType;

/** A record's conversations (SPEC §5 "From a record"), as the record page of the seller app shows them. */
@Schema(name = "RecordConversations", description = "A record and the conversations on its phone numbers.")
public record RecordConversations(
        RecordSummary record,
        @Schema(description = "Per phone number of the record (as the directory lists them now), its conversations, "
                + "most recent activity first")
        List<NumberConversations> numbers,
        @Schema(description = "Conversations of the record on numbers the directory no longer lists for it")
        List<Conversation> otherNumbers,
        @Schema(description = "Contacts only: the opportunities whose customer is the contact or that list it as "
                + "related and that the caller may see, by name, each with its conversations (for the app's "
                + "drop-down); empty otherwise")
        List<RelatedOpportunity> relatedOpportunities,
        @Schema(description = "Opportunities only: every conversation of the opportunity as an activity, most "
                + "recent first, each with its last message; empty otherwise")
        List<Conversation> activities) {

    @Schema(name = "RecordSummary")
    public record RecordSummary(String id, RecordType type, String name,
            @Schema(nullable = true) OwnerView owner,
            @Schema(description = "false: the directory does not know the record (yet); shown from the conversations' "
                    + "snapshot of it")
            boolean inDirectory) {
    }

    @Schema(name = "RecordOwner", description = "A seller or a team, with its name when the directory knows it")
    public record OwnerView(@Schema(nullable = true) String sellerId, @Schema(nullable = true) String sellerName,
            @Schema(nullable = true) String teamId, @Schema(nullable = true) String teamName) {
    }

    @Schema(name = "NumberConversations")
    public record NumberConversations(@Schema(description = "E.164") String number, PhoneKind kind,
            List<Conversation> conversations) {
    }

    @Schema(name = "RelatedOpportunity")
    public record RelatedOpportunity(String id, String name, @Schema(nullable = true) OwnerView owner,
            boolean active, Relation relation, List<Conversation> conversations) {
    }

    /** How an opportunity relates to the contact. */
    public enum Relation {
        /** The contact is the opportunity's customer. */
        CUSTOMER,
        /** The opportunity lists the contact among its related contacts. */
        RELATED_CONTACT
    }

    @Schema(name = "RecordConversation", description = "One conversation of a record")
    public record Conversation(UUID id,
            @Schema(description = "E.164") String customerNumber,
            @Schema(description = "E.164") String businessNumber,
            Instant lastActivityAt,
            @Schema(description = "Inbound messages the caller has not marked read") long unreadCount,
            @Schema(nullable = true) MessagePreview lastMessage) {
    }
}
