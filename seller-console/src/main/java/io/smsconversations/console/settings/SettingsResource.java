package io.smsconversations.console.settings;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/settings.json")
@Tag(name = "Console", description = "What the seller console's page needs before the seller signs in")
public class SettingsResource {

    private final PageSettings settings;

    public SettingsResource(ConsoleSettings settings) {
        this.settings = PageSettings.of(settings);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The page's settings",
            description = "Base URLs of conversation-service and notification-service and the OIDC issuer and public "
                    + "client id. Not cached, so a changed deployment is picked up by the next page load.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PageSettings.class)))
    public Response settings() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(settings).cacheControl(noStore).build();
    }
}
