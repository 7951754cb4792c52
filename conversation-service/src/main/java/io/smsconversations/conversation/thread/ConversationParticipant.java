package io.smsconversations.conversation.thread;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A seller alerted about a message of a conversation, who may therefore see it besides its record's and its
 * business number's owners (SPEC §5, read from the directory projection by {@link ConversationQueries}).
 */
@Entity
@Table(name = "conversation_participant")
@IdClass(ConversationParticipant.Key.class)
public class ConversationParticipant extends PanacheEntityBase {

    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;

    @Id
    @Column(name = "seller_id")
    public String sellerId;

    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public UUID conversationId;
        public String sellerId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(conversationId, key.conversationId)
                    && Objects.equals(sellerId, key.sellerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, sellerId);
        }
    }
}
