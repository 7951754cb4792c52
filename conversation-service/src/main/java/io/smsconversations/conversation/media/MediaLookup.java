package io.smsconversations.conversation.media;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.conversation.thread.ConversationQueries;
import io.smsconversations.events.MediaReference;
import io.smsconversations.restproblems.Problem;

/**
 * Finds the media item a caller asks for, checking visibility exactly like the history does
 * ({@link ConversationQueries#findVisible}): a conversation the caller may not see is 404 like one that does not
 * exist, before anything else is looked at or fetched.
 */
@ApplicationScoped
public class MediaLookup {

    private final ConversationQueries conversations;

    MediaLookup(ConversationQueries conversations) {
        this.conversations = conversations;
    }

    /** The gateway's id of item {@code index} of the message, or a 404 problem. */
    @WithSession
    public Uni<MediaReference> find(Caller caller, UUID conversationId, UUID messageId, int index) {
        return conversations.requireVisible(caller, conversationId)
                .chain(conversation -> ConversationMessage.<ConversationMessage>find(
                        "id = ?1 and conversationId = ?2", messageId, conversationId).<ConversationMessage>firstResult())
                .map((ConversationMessage message) -> {
                    List<MediaReference> media = message == null ? List.of() : message.media.items();
                    if (index < 0 || index >= media.size()) {
                        throw notFound("The message has no media item " + index + ".");
                    }
                    MediaReference item = media.get(index);
                    if (item.mediaId() == null) {
                        throw notFound("This media item was received before the gateway kept media; it cannot be "
                                + "fetched.");
                    }
                    return item;
                });
    }

    static RuntimeException notFound(String detail) {
        return Problem.of(404).type("media-not-found").title("Media not found").detail(detail).build();
    }

    static UUID parseMessageId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound("The message has no such media item.");
        }
    }

}
