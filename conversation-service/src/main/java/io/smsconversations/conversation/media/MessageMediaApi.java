package io.smsconversations.conversation.media;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

/** The HTTP contract of an MMS attachment's bytes (see {@link MessageMediaResource}). */
public interface MessageMediaApi {

    @GET
    @Path("{id}/messages/{messageId}/media/{index}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "An MMS attachment of a message",
            description = "The bytes of media item {index} (as listed in the message's media), fetched from the "
                    + "provider through inbound-gateway and streamed; the provider's URL and credentials are never "
                    + "exposed. Visible exactly when the conversation is.")
    @APIResponse(responseCode = "200", description = "The item, with the content type the provider gave it",
            headers = @Header(name = "Cache-Control", description = "private, no-store"),
            content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such conversation the caller may see, no such message or "
            + "media item, or the provider no longer has it", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "502", description = "The gateway or the provider failed to deliver the item "
            + "(too large, a type not allowed, a provider error)",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "503", description = "The media gateway is not reachable or media is not configured",
            content = @Content(mediaType = "application/problem+json"))
    RestMulti<byte[]> media(
            @Parameter(description = "The conversation") @PathParam("id") String id,
            @Parameter(description = "The message") @PathParam("messageId") String messageId,
            @Parameter(description = "The item's index in the message's media, from 0") @PathParam("index") int index);
}
