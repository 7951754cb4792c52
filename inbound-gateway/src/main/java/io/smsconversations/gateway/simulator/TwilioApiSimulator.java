package io.smsconversations.gateway.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smsconversations.gateway.send.ProviderHttp;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.provider.twilio.TwilioConfig;
import io.smsconversations.gateway.provider.twilio.TwilioSignature;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.MultiMap;

/**
 * A fake of Twilio's Messages API for local runs, served by the gateway itself when
 * {@code gateway.simulator.enabled}: point {@code TWILIO_API_BASE_URL} at {@code http://localhost:8081/simulator/twilio}
 * and a send is answered like Twilio (201, a fresh {@code SM...} sid), then the message's {@code StatusCallback}
 * receives {@code sent} and {@code delivered}, signed with the auth token like Twilio's, so the whole loop (send,
 * accepted, delivery reports) runs without a provider. The callbacks go to this process (the callback URL's path on
 * the port the simulator was called on) and are signed for the callback URL as given. The list of messages
 * ({@code GET}, filtered by {@code To}, {@code From}, {@code DateSent}) answers the gateway's lookup of a send whose
 * outcome is unknown. Only the configured account ({@code gateway.twilio.account-sid}) exists; its credentials are
 * compared in constant time.
 */
@Path("/simulator/twilio/2010-04-01/Accounts/{accountSid}/Messages.json")
@Tag(name = "Provider simulator", description = "Local runs only: fake provider APIs (off unless enabled)")
public class TwilioApiSimulator {

    private static final Logger LOG = Logger.getLogger(TwilioApiSimulator.class);
    /** Twilio writes dates as RFC 2822 with a numeric zone: {@code Tue, 01 Dec 2026 10:00:00 +0000}. */
    static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;

    private final SimulatorConfig config;
    private final TwilioConfig twilio;
    private final ProviderHttp http;
    private final SimulatedMessages messages;

    @Inject
    public TwilioApiSimulator(SimulatorConfig config, TwilioConfig twilio, ProviderHttp http,
            SimulatedMessages messages) {
        this.config = config;
        this.twilio = twilio;
        this.http = http;
        this.messages = messages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Simulated Twilio send (local runs)", description = "Answers like Twilio's Messages API and "
            + "fires signed status callbacks (sent, delivered). 404 unless gateway.simulator.enabled.")
    public Response send(@PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String authorization, String body, @Context HttpServerRequest request) {
        Response refused = refusal(accountSid, authorization);
        if (refused != null) {
            return refused;
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
        SimulatedMessages.Message message = new SimulatedMessages.Message(
                "SM" + UUID.randomUUID().toString().replace("-", ""), accountSid, from, to, form.first("Body").get(),
                "queued", Instant.now(), null);
        messages.add(message);
        form.first("StatusCallback").ifPresent(callback -> callBack(callback, request.localAddress().port(), message));
        return Response.status(201).entity(representation(message)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Simulated Twilio message list (local runs)", description = "The account's messages, newest "
            + "first, filtered like Twilio's by To, From and DateSent (=, <=, >=). 404 unless enabled.")
    public Response list(@PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String authorization, @Context UriInfo uri) {
        Response refused = refusal(accountSid, authorization);
        if (refused != null) {
            return refused;
        }
        var query = uri.getQueryParameters();
        SimulatedMessages.Filter filter;
        int pageSize;
        try {
            filter = new SimulatedMessages.Filter(query.getFirst("To"), query.getFirst("From"),
                    date(query.getFirst("DateSent")), date(query.getFirst("DateSent<")),
                    date(query.getFirst("DateSent>")));
            pageSize = pageSize(query.getFirst("PageSize"));
        } catch (IllegalArgumentException invalid) {
            return error(400, 20001, invalid.getMessage());
        }
        List<Map<String, Object>> page = messages.list(filter, pageSize).stream().map(this::representation).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", page);
        answer.put("page", 0);
        answer.put("page_size", pageSize);
        answer.put("start", 0);
        answer.put("end", Math.max(0, page.size() - 1));
        answer.put("next_page_uri", null);
        answer.put("previous_page_uri", null);
        answer.put("uri", uri.getRequestUri().getRawPath());
        return Response.ok(answer).build();
    }

    /** 404 unless enabled and the configured account; 401 unless its credentials (constant-time comparison). */
    private Response refusal(String accountSid, String authorization) {
        if (!config.enabled()) {
            return Response.status(404).build();
        }
        if (!twilio.accountSid().equals(accountSid)) {
            return error(404, 20404, "The requested resource was not found");
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given) ? null
                : error(401, 20003, "Authenticate");
    }

    private Map<String, Object> representation(SimulatedMessages.Message message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", message.sid());
        answer.put("account_sid", message.accountSid());
        answer.put("from", message.from());
        answer.put("to", message.to());
        answer.put("body", message.body());
        answer.put("status", message.status());
        answer.put("direction", "outbound-api");
        answer.put("num_segments", "1");
        answer.put("date_created", TWILIO_DATE.format(message.dateCreated()));
        answer.put("date_sent", message.dateSent() == null ? null : TWILIO_DATE.format(message.dateSent()));
        answer.put("error_code", null);
        return answer;
    }

    private void callBack(String callbackUrl, int localPort, SimulatedMessages.Message message) {
        URI callback = URI.create(callbackUrl);
        String target = "http://localhost:" + localPort + callback.getRawPath()
                + (callback.getRawQuery() == null ? "" : "?" + callback.getRawQuery());
        Uni.createFrom().voidItem().onItem().delayIt().by(config.callbackDelay())
                .flatMap(ignored -> post(callbackUrl, target, message, "sent"))
                .onItem().delayIt().by(config.callbackDelay())
                .flatMap(ignored -> post(callbackUrl, target, message, "delivered"))
                .subscribe().with(ignored -> LOG.debugf("Simulated callbacks of %s done", message.sid()),
                        failure -> LOG.warnf("Simulated callback of %s failed (%s)", message.sid(),
                                failure.getClass().getSimpleName()));
    }

    private Uni<Void> post(String signedUrl, String target, SimulatedMessages.Message message, String status) {
        messages.status(message.sid(), status, Instant.now());
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("AccountSid", message.accountSid()),
                Map.entry("ApiVersion", "2010-04-01"), Map.entry("From", message.from()),
                Map.entry("MessageSid", message.sid()), Map.entry("MessageStatus", status),
                Map.entry("SmsSid", message.sid()), Map.entry("SmsStatus", status), Map.entry("To", message.to()));
        String signature = TwilioSignature.compute(twilio.authToken(), signedUrl, FormParameters.of(pairs));
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        pairs.forEach(pair -> form.add(pair.getKey(), pair.getValue()));
        return http.post(target).putHeader(TwilioSignature.HEADER, signature).sendForm(form)
                .invoke(response -> LOG.infof("Simulated Twilio status callback %s %s: HTTP %d", message.sid(),
                        status, response.statusCode()))
                .replaceWithVoid();
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // Twilio's SDKs send DateSent>=2026-12-01 as the parameter "DateSent>" with the value "=2026-12-01".
        String day = value.startsWith("=") ? value.substring(1) : value;
        try {
            return LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DateSent must be YYYY-MM-DD");
        }
    }

    private static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("PageSize must be between 1 and " + MAX_PAGE_SIZE);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PageSize must be a whole number");
        }
    }

    private static Response error(int status, int code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", code, "message", message, "status", status)).build();
    }
}
