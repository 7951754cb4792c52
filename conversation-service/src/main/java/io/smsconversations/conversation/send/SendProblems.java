package io.smsconversations.conversation.send;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.restproblems.Problem;
import io.smsconversations.conversation.optout.OptOutState;
import io.smsconversations.conversation.quiet.Verdict;

/**
 * The refusals of a send (SPEC §5), each with its own problem type so an app can tell them apart without reading the
 * detail. Nothing is stored or published when one of them is answered.
 */
final class SendProblems {

    static final int MAX_BODY = 1600;
    static final int MAX_IDEMPOTENCY_KEY = 128;

    private static final int RETRY_AFTER_SECONDS = 5;

    private SendProblems() {
    }

    static HttpProblem emptyBody() {
        return problem(Response.Status.BAD_REQUEST, "empty-body", "Empty message",
                "the message has no text: write a body (or choose a template)");
    }

    static HttpProblem bodyTooLong(int length) {
        return problem(Response.Status.BAD_REQUEST, "body-too-long", "Message too long",
                "the message has " + length + " characters; at most " + MAX_BODY + " can be sent");
    }

    static HttpProblem bodyAndTemplate() {
        return problem(Response.Status.BAD_REQUEST, "body-and-template", "Body or template",
                "send either a typed body or a template, not both");
    }

    static HttpProblem templateNotFound() {
        return problem(Response.Status.NOT_FOUND, "template-not-found", "Template not found",
                "there is no template with this id that you may use");
    }

    static HttpProblem badIdempotencyKey() {
        return problem(Response.Status.BAD_REQUEST, "bad-idempotency-key", "Bad Idempotency-Key",
                "the Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
    }

    static HttpProblem idempotencyKeyReused() {
        return problem(422, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was already used for a message of another conversation");
    }

    static HttpProblem notYourNumber() {
        return problem(Response.Status.FORBIDDEN, "sending-number-not-yours", "Sending number not yours",
                "you may not send from this conversation's business number: it is not assigned to you or to one "
                        + "of your teams");
    }

    static HttpProblem invalidCustomerNumber() {
        return problem(422, "invalid-customer-number", "Invalid customer number",
                "the customer number is not a valid E.164 phone number; nothing was sent");
    }

    static HttpProblem notARecordNumber() {
        return problem(422, "not-a-record-number", "Not one of the record's numbers",
                "the customer number is no longer one of the record's phone numbers; nothing was sent");
    }

    /**
     * Names what opted the customer out, as the pane's opt-out view does ({@code cause}, {@code optedOutAt}, and the
     * keyword or the provider with its code beside the detail).
     */
    static HttpProblem optedOut(OptOutState state, String optInWords) {
        String when = state.changedAt() == null ? "" : " on " + state.changedAt();
        String detail = state.byProviderReport()
                ? "recipient opted out of this number: " + provider(state) + " reported" + when
                        + " that the recipient has opted out of messages from this business number; nothing is sent "
                        + "to them until they text " + optInWords + " to it; nothing was sent"
                : "recipient opted out of this number: the customer texted " + keyword(state)
                        + " to this business number" + when + " and has not texted " + optInWords
                        + " since; nothing was sent";
        Problem problem = builder(Response.Status.CONFLICT.getStatusCode(), "recipient-opted-out",
                "Recipient opted out", detail)
                .with("cause", state.cause())
                .with("optedOutAt", state.changedAt() == null ? null : state.changedAt().toString());
        if (state.byProviderReport()) {
            problem.with("provider", state.provider()).with("providerCode", state.providerCode());
        } else {
            problem.with("keyword", state.keyword());
        }
        return problem.build();
    }

    /**
     * Issue 14 item 4: the recipient's local time is outside the organisation's window, and the customer has not
     * written within the reply grace. Names the window, the recipient's zone and local time, and from when it may go.
     */
    static HttpProblem quietHours(Verdict verdict, java.time.Duration replyGrace) {
        String from = verdict.allowedFrom() == null ? ""
                : "; it may go from " + verdict.allowedFrom() + ": send it again with \"whenAllowed\": true to have it "
                        + "sent then";
        String detail = "quiet hours: it is " + verdict.recipientLocalTime() + " for the recipient ("
                + verdict.zone() + "), outside this organisation's window " + verdict.window()
                + " (recipient's time), and the customer has not written in the last " + replyGrace + from
                + "; nothing was sent";
        return builder(Response.Status.CONFLICT.getStatusCode(), "quiet-hours", "Quiet hours", detail)
                .reason("quiet-hours")
                .with("window", verdict.window().toString())
                .with("recipientTimeZone", verdict.zone().getId())
                .with("recipientLocalTime", verdict.recipientLocalTime().toString())
                .with("allowedFrom", verdict.allowedFrom() == null ? null : verdict.allowedFrom().toString())
                .with("replyGrace", replyGrace.toString())
                .build();
    }

    /** "the provider (twilio, error code 21610)", as much of it as is known. */
    private static String provider(OptOutState state) {
        String about = Stream.of(state.provider(), state.providerCode() == null ? null
                : "error code " + state.providerCode()).filter(Objects::nonNull).collect(Collectors.joining(", "));
        return about.isEmpty() ? "the provider" : "the provider (" + about + ")";
    }

    private static String keyword(OptOutState state) {
        return state.keyword() == null ? "an opt-out keyword" : state.keyword();
    }

    /**
     * The database (or Kafka) is away for the moment, e.g. during a failover: nothing was stored, and the same
     * request (with its Idempotency-Key) may be sent again. Not a 500, which says the request itself broke something.
     */
    static HttpProblem unavailable() {
        return builder(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), "temporarily-unavailable",
                "Temporarily unavailable", "the message could not be stored just now; send the same request again "
                        + "(with the same Idempotency-Key) in a few seconds")
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static HttpProblem problem(Response.Status status, String type, String title, String detail) {
        return problem(status.getStatusCode(), type, title, detail);
    }

    private static HttpProblem problem(int status, String type, String title, String detail) {
        return builder(status, type, title, detail).build();
    }

    private static Problem builder(int status, String type, String title, String detail) {
        return Problem.of(status).type(type).title(title).detail(detail);
    }
}
