package io.smsconversations.conversation.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.conversation.optout.OptOutState;
import io.smsconversations.conversation.quiet.Verdict;
import io.smsconversations.conversation.quiet.Window;

/**
 * The refusals of a send as an app reads them, without starting Quarkus: each its own status, type and title, and
 * the members the pane shows beside the detail. {@code SendFlowTest} checks that a send answers them.
 */
@Tag("fast")
class SendProblemsTest {

    private static final String TYPES = "https://sms-conversations.io/problems/";

    @Test
    void eachRefusalHasItsStatusTypeAndTitle() {
        assertProblem(SendProblems.emptyBody(), 400, "empty-body", "Empty message");
        assertProblem(SendProblems.bodyTooLong(1601), 400, "body-too-long", "Message too long");
        assertThat(SendProblems.bodyTooLong(1601).getDetail()).contains("1601 characters").contains("1600");
        assertProblem(SendProblems.bodyAndTemplate(), 400, "body-and-template", "Body or template");
        assertProblem(SendProblems.templateNotFound(), 404, "template-not-found", "Template not found");
        assertProblem(SendProblems.badIdempotencyKey(), 400, "bad-idempotency-key", "Bad Idempotency-Key");
        assertProblem(SendProblems.idempotencyKeyReused(), 422, "idempotency-key-reused", "Idempotency-Key reused");
        assertProblem(SendProblems.notYourNumber(), 403, "sending-number-not-yours", "Sending number not yours");
        assertProblem(SendProblems.invalidCustomerNumber(), 422, "invalid-customer-number", "Invalid customer number");
        assertProblem(SendProblems.notARecordNumber(), 422, "not-a-record-number", "Not one of the record's numbers");
    }

    @Test
    void anOptOutByKeywordNamesTheKeywordAndWhen() {
        Instant at = Instant.parse("2026-11-24T10:15:00Z");
        HttpProblem problem = SendProblems.optedOut(new OptOutState(true, at, "KEYWORD", "STOP", null, null),
                "START, YES or UNSTOP");
        assertProblem(problem, 409, "recipient-opted-out", "Recipient opted out");
        assertThat(problem.getDetail()).isEqualTo("recipient opted out of this number: the customer texted STOP to "
                + "this business number on 2026-11-24T10:15:00Z and has not texted START, YES or UNSTOP since; "
                + "nothing was sent");
        assertThat(problem.getParameters()).containsEntry("cause", "KEYWORD")
                .containsEntry("optedOutAt", "2026-11-24T10:15:00Z").containsEntry("keyword", "STOP")
                .doesNotContainKeys("provider", "providerCode");
    }

    @Test
    void anOptOutByTheProviderNamesTheProviderAndItsCode() {
        HttpProblem problem = SendProblems.optedOut(new OptOutState(true, Instant.parse("2026-11-24T10:15:00Z"),
                "PROVIDER_REPORT", null, "twilio", "21610"), "START");
        assertProblem(problem, 409, "recipient-opted-out", "Recipient opted out");
        assertThat(problem.getDetail()).startsWith("recipient opted out of this number: the provider (twilio, error "
                + "code 21610) reported on 2026-11-24T10:15:00Z");
        assertThat(problem.getParameters()).containsEntry("provider", "twilio").containsEntry("providerCode", "21610")
                .doesNotContainKey("keyword");
        // What is not known is not made up.
        assertThat(SendProblems.optedOut(new OptOutState(true, null, "PROVIDER_REPORT", null, null, null), "START")
                .getDetail()).contains("the provider reported that").doesNotContain(" on ");
    }

    @Test
    void quietHoursNameTheWindowTheZoneTheLocalTimeAndFromWhen() {
        Window window = new Window(Window.minute("08:00", false), Window.minute("20:00", true));
        Verdict verdict = new Verdict(false, window, ZoneId.of("America/Los_Angeles"),
                LocalDateTime.parse("2026-11-24T22:30"), Instant.parse("2026-11-25T16:00:00Z"));
        HttpProblem problem = SendProblems.quietHours(verdict, Duration.ofHours(1));
        assertProblem(problem, 409, "quiet-hours", "Quiet hours");
        assertThat(problem.getParameters()).containsEntry("reason", "quiet-hours")
                .containsEntry("window", window.toString())
                .containsEntry("recipientTimeZone", "America/Los_Angeles")
                .containsEntry("recipientLocalTime", "2026-11-24T22:30")
                .containsEntry("allowedFrom", "2026-11-25T16:00:00Z").containsEntry("replyGrace", "PT1H");
        assertThat(problem.getDetail()).contains("\"whenAllowed\": true").endsWith("; nothing was sent");
    }

    @Test
    void anOutageSaysWhenToTryAgain() {
        HttpProblem problem = SendProblems.unavailable();
        assertProblem(problem, 503, "temporarily-unavailable", "Temporarily unavailable");
        assertThat(problem.getHeaders()).containsEntry("Retry-After", 5);
    }

    private static void assertProblem(HttpProblem problem, int status, String type, String title) {
        assertThat(problem.getStatusCode()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(URI.create(TYPES + type));
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isNotBlank();
    }
}
