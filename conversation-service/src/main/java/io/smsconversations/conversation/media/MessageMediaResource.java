package io.smsconversations.conversation.media;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.access.Caller;
import io.smsconversations.conversation.access.Roles;
import io.smsconversations.conversation.thread.ConversationNotFound;

/**
 * A message's MMS attachments for the seller app: visibility first (404 before any byte or any call to the gateway),
 * then the bytes from inbound-gateway, streamed through as the caller reads them.
 */
@Path("/api/conversations")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Conversations", description = "Conversation threads and their messages")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller holds neither the seller nor the sms-admin role")
public class MessageMediaResource implements MessageMediaApi {

    private final MediaLookup lookup;
    private final GatewayMedia gateway;
    private final Caller caller;

    public MessageMediaResource(MediaLookup lookup, GatewayMedia gateway, Caller caller) {
        this.lookup = lookup;
        this.gateway = gateway;
        this.caller = caller;
    }

    @Override
    public RestMulti<byte[]> media(String id, String messageId, int index) {
        UUID conversationId = ConversationNotFound.parseId(id);
        UUID message = MediaLookup.parseMessageId(messageId);
        Uni<OpenedMedia> opened = lookup.find(caller, conversationId, message, index)
                .chain(reference -> gateway.open(reference.mediaId()));
        return RestMulti.fromUniResponse(opened, OpenedMedia::body, MessageMediaResource::headers);
    }

    private static Map<String, List<String>> headers(OpenedMedia media) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of(media.contentType() == null ? "application/octet-stream"
                : media.contentType()));
        if (media.contentLength() >= 0) {
            headers.put("Content-Length", List.of(Long.toString(media.contentLength())));
        }
        // The provider chose the type: the browser must not second-guess it (an "image" that is really HTML).
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("Cache-Control", List.of("private, no-store"));
        return headers;
    }
}
