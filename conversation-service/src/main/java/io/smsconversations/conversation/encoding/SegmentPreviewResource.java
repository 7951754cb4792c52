package io.smsconversations.conversation.encoding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smsconversations.conversation.access.Roles;

/** Lets the app show, while the seller types, how the text will travel and what it will cost. */
@Path("/api/segment-preview")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Sending", description = "Preparing and sending messages")
@SecurityRequirement(name = "bearer")
public class SegmentPreviewResource {

    /** The longest body a seller may send (SPEC §5, about ten segments). */
    public static final int MAX_BODY_LENGTH = 1600;

    public record PreviewRequest(@NotNull @Size(max = MAX_BODY_LENGTH) String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Encoding and segment count of a text",
            description = "GSM-7 when every character is in the GSM 03.38 alphabet (extension characters such as € "
                    + "count two septets), else UCS-2; 160/153 septets or 70/67 code units per segment.")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "400", description = "No text, or a text longer than 1600 characters")
    public SegmentPreview preview(@Valid @NotNull PreviewRequest request) {
        return SegmentCalculator.preview(request.text());
    }
}
