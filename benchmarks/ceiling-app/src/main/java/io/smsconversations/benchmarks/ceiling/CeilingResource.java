package io.smsconversations.benchmarks.ceiling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Reads the form like the gateway's Twilio webhook does and answers 200 with nothing else done: what one Quarkus
 * process on this machine can answer at most, the ceiling the gateway is compared with. Returning a plain value (no
 * blocking call) keeps it on the event loop, as the gateway's reactive endpoints are.
 */
@Path("/ceiling")
public class CeilingResource {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @jakarta.ws.rs.Produces(MediaType.TEXT_PLAIN)
    public String answer(MultivaluedMap<String, String> form) {
        return form.isEmpty() ? "empty" : "ok";
    }
}
