package io.smsconversations.conversation.encoding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smsconversations.conversation.ApiExamples;
import io.smsconversations.conversation.encoding.SegmentPreviewResource.PreviewRequest;

/**
 * The HTTP contract of {@link SegmentPreviewResource}: paths, parameters and what each endpoint answers (OpenAPI), in
 * one place, so the resource reads as what it does. Examples are in {@link ApiExamples}.
 */
public interface SegmentPreviewApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Encoding and segment count of a text",
            description = "GSM-7 when every character is in the GSM 03.38 alphabet (extension characters such as € "
                    + "count two septets), else UCS-2; 160/153 septets or 70/67 code units per segment.")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "400", description = "No text, or a text longer than 1600 characters")
    SegmentPreview preview(@Valid @NotNull PreviewRequest request);
}
