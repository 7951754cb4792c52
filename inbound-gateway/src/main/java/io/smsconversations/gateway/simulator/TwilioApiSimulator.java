package io.smsconversations.gateway.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.twilio.TwilioConfig;
import io.smsconversations.gateway.webhook.twilio.TwilioSignature;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.MultiMap;

/**
 * A fake of Twilio's Messages API for local runs, served by the gateway itself when
 * {@code gateway.simulator.enabled}: point {@code TWILIO_API_BASE_URL} at {@code http://localhost:8081/simulator/twilio}
 * and a send is answered like Twilio (201, a fresh {@code SM...} sid), then the message's {@code StatusCallback}
 * receives {@code sent} and {@code delivered}, signed with the auth token like Twilio's, so the whole loop (send,
 * accepted, delivery reports) runs without a provider. The callbacks go to this process (the callback URL's path on
 * the port the simulator was called on) and are signed for the callback URL as given.
 */
@Path("/simulator/twilio/2010-04-01/Accounts/{accountSid}/Messages.json")
@Tag(name = "Provider simulator", description = "Local runs only: fake provider APIs (off unless enabled)")
public class TwilioApiSimulator {

    private static final Logger LOG = Logger.getLogger(TwilioApiSimulator.class);

    @Inject
    SimulatorConfig config;

    @Inject
    TwilioConfig twilio;

    @Inject
    ProviderHttp http;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Simulated Twilio send (local runs)", description = "Answers like Twilio's Messages API and "
            + "fires signed status callbacks (sent, delivered). 404 unless gateway.simulator.enabled.")
    public Response send(@PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String authorization, String body, @Context HttpServerRequest request) {
        if (!config.enabled()) {
            return Response.status(404).build();
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return error(401, 20003, "Authenticate");
        }
        FormParameters form = FormParameters.parse(body == null ? "" : body);
        String to = form.first("To").orElse(null);
        String from = form.first("From").orElse(null);
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (from == null || form.first("Body").isEmpty()) {
            return error(400, 21602, "Message body and 'From' are required.");
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        form.first("StatusCallback").ifPresent(callback -> callBack(callback, request.localAddress().port(),
                accountSid, sid, from, to));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", sid);
        answer.put("account_sid", accountSid);
        answer.put("from", from);
        answer.put("to", to);
        answer.put("status", "queued");
        answer.put("num_segments", "1");
        answer.put("date_created", Instant.now().toString());
        return Response.status(201).entity(answer).build();
    }

    private void callBack(String callbackUrl, int localPort, String accountSid, String sid, String from, String to) {
        URI callback = URI.create(callbackUrl);
        String target = "http://localhost:" + localPort + callback.getRawPath()
                + (callback.getRawQuery() == null ? "" : "?" + callback.getRawQuery());
        Uni.createFrom().voidItem().onItem().delayIt().by(config.callbackDelay())
                .flatMap(ignored -> post(callbackUrl, target, accountSid, sid, from, to, "sent"))
                .onItem().delayIt().by(config.callbackDelay())
                .flatMap(ignored -> post(callbackUrl, target, accountSid, sid, from, to, "delivered"))
                .subscribe().with(ignored -> LOG.debugf("Simulated callbacks of %s done", sid),
                        failure -> LOG.warnf("Simulated callback of %s failed: %s", sid, failure.toString()));
    }

    private Uni<Void> post(String signedUrl, String target, String accountSid, String sid, String from, String to,
            String status) {
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("AccountSid", accountSid),
                Map.entry("ApiVersion", "2010-04-01"), Map.entry("From", from), Map.entry("MessageSid", sid),
                Map.entry("MessageStatus", status), Map.entry("SmsSid", sid), Map.entry("SmsStatus", status),
                Map.entry("To", to));
        String signature = TwilioSignature.compute(twilio.authToken(), signedUrl, FormParameters.of(pairs));
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        pairs.forEach(pair -> form.add(pair.getKey(), pair.getValue()));
        return http.post(target).putHeader(TwilioSignature.HEADER, signature).sendForm(form)
                .invoke(response -> LOG.infof("Simulated Twilio status callback %s %s: HTTP %d", sid, status,
                        response.statusCode()))
                .replaceWithVoid();
    }

    private static Response error(int status, int code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", code, "message", message, "status", status)).build();
    }
}
