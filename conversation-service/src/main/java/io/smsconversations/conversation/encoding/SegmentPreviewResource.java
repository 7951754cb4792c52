package io.smsconversations.conversation.encoding;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smsconversations.conversation.access.Roles;

/** Lets the app show, while the seller types, how the text will travel and what it will cost. */
@Path("/api/segment-preview")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN })
@Tag(name = "Sending", description = "Preparing and sending messages")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "bearer")
public class SegmentPreviewResource implements SegmentPreviewApi {

    /** The longest body a seller may send (SPEC §5, about ten segments). */
    public static final int MAX_BODY_LENGTH = 1600;

    public record PreviewRequest(@NotNull @Size(max = MAX_BODY_LENGTH) String text) {
    }

    @Override
    public SegmentPreview preview(PreviewRequest request) {
        return SegmentCalculator.preview(request.text());
    }
}
