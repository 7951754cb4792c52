package io.smsconversations.conversation.media;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.MediaReference;

/**
 * An MMS attachment as the history shows it: its position, its type and where the caller gets its bytes, this
 * service's own endpoint, which checks visibility and fetches through the gateway. Never the provider's URL.
 *
 * @param href null for an item stored before the gateway kept media (it cannot be fetched)
 */
@Schema(name = "MessageMedia", description = "An MMS attachment of a message")
public record MediaView(
        @Schema(description = "Position in the message, from 0") int index,
        @Schema(description = "MIME type the provider reported", example = "image/jpeg") String contentType,
        @Schema(nullable = true, description = "This service's URL of the bytes (same bearer token); null when the "
                + "item cannot be fetched", example = "/api/conversations/3f0c.../messages/8a1e.../media/0")
        String href) {

    public static List<MediaView> of(UUID conversationId, UUID messageId, List<MediaReference> media) {
        List<MediaView> views = new ArrayList<>(media.size());
        for (int i = 0; i < media.size(); i++) {
            MediaReference item = media.get(i);
            String href = item.mediaId() == null ? null
                    : "/api/conversations/" + conversationId + "/messages/" + messageId + "/media/" + i;
            views.add(new MediaView(i, item.contentType() == null ? "application/octet-stream" : item.contentType(),
                    href));
        }
        return List.copyOf(views);
    }
}
