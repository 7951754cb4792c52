package io.smsconversations.conversation.quiet;

import static io.restassured.RestAssured.given;
import static io.smsconversations.conversation.Fixtures.EVENTUALLY;
import static io.smsconversations.conversation.Fixtures.attached;
import static io.smsconversations.conversation.Fixtures.messages;
import static io.smsconversations.conversation.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.conversation.Fixtures;
import io.smsconversations.conversation.TestDatabase;
import io.smsconversations.conversation.send.Line;
import io.smsconversations.conversation.send.SendRequests;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * Issue 14 item 4 through the real database and broker: a send outside the recipient's window is refused with the
 * window and the recipient's time, or kept for the window's start and released once (by racing releases too), checked
 * again then; a reply soon after the customer wrote goes at any hour; the window is the organisation's, set by admins.
 * The test numbers are +1 425 (America/Los_Angeles); each test sets a window around the current time there.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "conversation"))
@WithTestResource(OidcWiremockTestResource.class)
class QuietHoursFlowTest {

    private static final KafkaTestClient kafka = Fixtures.kafka();
    private static final String PROBLEMS = "https://sms-conversations.io/problems/";
    private static final ZoneId RECIPIENT = ZoneId.of("America/Los_Angeles");
    private static final String ADMIN = TestTokens.admin("quiet-admin");

    @Inject
    ScheduledSendRelease release;

    @AfterEach
    void backToTheDefaultWindow() {
        given().auth().oauth2(ADMIN).when().delete("/api/compliance/quiet-hours").then().statusCode(200)
                .body("source", equalTo("DEFAULT"));
    }

    @Test
    void aSendOutsideTheRecipientsWindowIsRefusedNamingTheWindowAndTheirTimeAndNothingIsStored() {
        Window closedNow = closedNow();
        Line line = quietLine();

        ValidatableResponse refused = line.send("Are you still interested?").statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "quiet-hours"))
                .body("title", equalTo("Quiet hours"))
                .body("reason", equalTo("quiet-hours"))
                .body("window", equalTo(closedNow.toString()))
                .body("recipientTimeZone", equalTo("America/Los_Angeles"))
                .body("replyGrace", equalTo("PT1H"));
        Instant allowedFrom = Instant.parse(refused.extract().path("allowedFrom"));
        assertThat(allowedFrom).isEqualTo(closedNow.nextOpening(ZonedDateTime.now(RECIPIENT)).toInstant());
        String localTime = refused.extract().path("recipientLocalTime");
        assertThat(Duration.between(java.time.LocalDateTime.parse(localTime),
                java.time.LocalDateTime.now(RECIPIENT)).abs()).isLessThan(Duration.ofMinutes(2));
        assertThat((String) refused.extract().path("detail")).contains("America/Los_Angeles")
                .contains(closedNow.toString()).contains("whenAllowed").endsWith("nothing was sent");

        assertThat(line.outboundMessages()).isZero();
        assertThat(line.sendRequestsInOutbox()).isZero();
        assertThat(scheduledSends(line)).isEmpty();
    }

    @Test
    void aReplySoonAfterTheCustomerWroteGoesAtAnyHour() {
        closedNow();
        Line line = Line.open(kafka); // the customer wrote just now

        line.send("Thanks, here are the details").statusCode(202).body("delivery.status", equalTo("QUEUED"));
        assertThat(line.sendRequestsInOutbox()).isEqualTo(1);
    }

    @Test
    void aSendForWhenAllowedIsKeptForTheOpeningThenReleasedOnceAsTheSellersMessage() {
        Window closedNow = closedNow();
        Line line = quietLine();
        Instant opening = closedNow.nextOpening(ZonedDateTime.now(RECIPIENT)).toInstant();

        ValidatableResponse scheduled = line.send(line.token(), Map.of("body", "Good morning!", "whenAllowed", true))
                .statusCode(202)
                .body("status", equalTo("SCHEDULED"))
                .body("conversationId", equalTo(line.conversationId()))
                .body("sendAt", equalTo(opening.toString()))
                .body("sellerId", equalTo(line.seller()))
                .body("messageId", nullValue());
        String id = scheduled.extract().path("id");
        assertThat(scheduled.extract().header("Location"))
                .endsWith("/api/conversations/" + line.conversationId() + "/scheduled-sends/" + id);
        assertThat(line.outboundMessages()).isZero();
        assertThat(scheduledSends(line)).extracting(s -> s.get("id")).containsExactly(id);

        // The opening comes (the row is due now, and the window is open): the release sends it.
        openAllDay();
        TestDatabase.execute("UPDATE scheduled_send SET due_at = now() WHERE id = ?", UUID.fromString(id));
        Map<String, Object> sent = await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledSend(line, id), s -> "SENT".equals(s.get("status")));
        String messageId = (String) sent.get("messageId");
        assertThat(sent.get("releasedAt")).isNotNull();

        SendRequested request = kafka.awaitOne(Topics.SEND_REQUESTS,
                e -> SendRequests.eventId(UUID.fromString(messageId)).equals(e.id()), EVENTUALLY)
                .dataAs(SendRequested.class);
        assertThat(request.body()).isEqualTo("Good morning!");
        assertThat(request.sentBy()).isEqualTo(line.seller());
        assertThat(messages(line.token(), line.conversationId())).extracting(m -> m.get("id") + " " + m.get("body"))
                .endsWith(messageId + " Good morning!");
        assertThat(line.sendRequestsInOutbox()).isEqualTo(1);
    }

    @Test
    void aScheduledSendIsCheckedAgainAtItsTimeAndRefusedWhenTheCustomerOptedOutMeanwhile() {
        closedNow();
        Line line = quietLine();
        String id = line.send(line.token(), Map.of("body", "Our offer", "whenAllowed", true)).statusCode(202)
                .extract().path("id");

        publish(kafka, attached(line.record(), line.customer(), line.business(), "STOP", Fixtures.now(), List.of()));
        await().atMost(EVENTUALLY).until(() -> TestDatabase.count(
                "SELECT count(*) FROM opt_out WHERE customer_number = ? AND business_number = ? AND opted_out",
                line.customer(), line.business()) == 1);
        TestDatabase.execute("UPDATE scheduled_send SET due_at = now() WHERE id = ?", UUID.fromString(id));

        Map<String, Object> refused = await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledSend(line, id), s -> "REFUSED".equals(s.get("status")));
        assertThat(refused.get("refusalType")).isEqualTo("recipient-opted-out");
        assertThat((String) refused.get("refusalDetail")).contains("texted STOP");
        assertThat(refused.get("messageId")).isNull();
        // Only the STOP confirmation went out, no seller's message.
        assertThat(TestDatabase.count("SELECT count(*) FROM message WHERE conversation_id = ? AND direction = "
                + "'OUTBOUND' AND auto_reply IS NULL", UUID.fromString(line.conversationId()))).isZero();
    }

    @Test
    void racingReleasesOnTwoReplicasSendEachScheduledSendOnce() throws Exception {
        closedNow();
        Line line = quietLine();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(line.send(line.token(), Map.of("body", "Part " + i, "whenAllowed", true)).statusCode(202)
                    .extract().path("id"));
        }
        openAllDay();
        TestDatabase.execute("UPDATE scheduled_send SET due_at = now() WHERE conversation_id = ?",
                UUID.fromString(line.conversationId()));

        // Two passes at once, as two replicas' timers would run them (the background timer runs too).
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(QuietHoursFlowTest.this::pass);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(QuietHoursFlowTest.this::pass);
        first.get();
        second.get();

        await().atMost(EVENTUALLY).until(() -> scheduledSends(line).stream()
                .allMatch(s -> "SENT".equals(s.get("status"))));
        assertThat(line.outboundMessages()).isEqualTo(6);
        assertThat(line.sendRequestsInOutbox()).isEqualTo(6);
        assertThat(scheduledSends(line)).extracting(s -> s.get("messageId")).doesNotHaveDuplicates();
    }

    @Test
    void aScheduledSendTakenBackIsNeverReleasedAndASettledOneCannotBeTakenBack() {
        closedNow();
        Line line = quietLine();
        String kept = line.send(line.token(), Map.of("body", "Kept", "whenAllowed", true)).statusCode(202)
                .extract().path("id");
        String takenBack = line.send(line.token(), Map.of("body", "Taken back", "whenAllowed", true))
                .statusCode(202).extract().path("id");
        String stranger = TestTokens.seller(Fixtures.unique("stranger"));
        cancel(stranger, line, takenBack).statusCode(404);
        cancel(line.token(), line, UUID.randomUUID().toString()).statusCode(404);

        cancel(line.token(), line, takenBack).statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo(line.seller()))
                .body("cancelledAt", org.hamcrest.Matchers.notNullValue()).body("messageId", nullValue());
        cancel(line.token(), line, takenBack).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "scheduled-send-settled")).body("status", equalTo(409))
                .body("sendStatus", equalTo("CANCELLED"));

        openAllDay();
        TestDatabase.execute("UPDATE scheduled_send SET due_at = now() WHERE conversation_id = ?",
                UUID.fromString(line.conversationId()));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledSend(line, kept), s -> "SENT".equals(s.get("status")));
        pass();
        assertThat(scheduledSend(line, takenBack).get("status")).isEqualTo("CANCELLED");
        assertThat(line.outboundMessages()).isEqualTo(1);
        cancel(line.token(), line, kept).statusCode(409).body("reason", equalTo("scheduled-send-settled"))
                .body("sendStatus", equalTo("SENT"));
    }

    private static ValidatableResponse cancel(String token, Line line, String id) {
        return given().auth().oauth2(token).when()
                .delete("/api/conversations/" + line.conversationId() + "/scheduled-sends/" + id).then();
    }

    @Test
    void theWindowIsTheOrganisationsAndOnlyAdminsChangeIt() {
        String seller = TestTokens.seller(Fixtures.unique("seller"));
        given().auth().oauth2(seller).when().get("/api/compliance/quiet-hours").then().statusCode(200)
                // The test profile's default (application.properties: the whole day; 08:00-20:00 outside tests).
                .body("start", equalTo("00:00")).body("end", equalTo("24:00")).body("source", equalTo("DEFAULT"))
                .body("replyGrace", equalTo("PT1H")).body("enabled", equalTo(true));
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("start", "00:00", "end", "24:00"))
                .when().put("/api/compliance/quiet-hours").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(seller).when().delete("/api/compliance/quiet-hours").then().statusCode(403);

        for (Map<String, String> bad : List.of(Map.of("start", "8am", "end", "20:00"),
                Map.of("start", "09:00", "end", "09:00"), Map.of("start", "09:00"),
                Map.of("start", "24:00", "end", "08:00"), Map.of("start", "09:00", "end", "20:00:30"))) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(bad)
                    .when().put("/api/compliance/quiet-hours").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "bad-window")).body("reason", equalTo("bad-window"));
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("start", "09:30", "end", "18:00"))
                .when().put("/api/compliance/quiet-hours").then().statusCode(200)
                .body("start", equalTo("09:30")).body("end", equalTo("18:00"))
                .body("source", equalTo("ORGANISATION")).body("updatedBy", equalTo("quiet-admin"));
        given().auth().oauth2(seller).when().get("/api/compliance/quiet-hours").then().statusCode(200)
                .body("start", equalTo("09:30")).body("source", equalTo("ORGANISATION"));
        given().when().get("/api/compliance/quiet-hours").then().statusCode(401);
    }

    @Test
    void scheduledSendsAreShownOnlyToWhoeverMaySeeTheConversation() {
        Line line = quietLine();
        String stranger = TestTokens.seller(Fixtures.unique("stranger"));
        given().auth().oauth2(stranger).when()
                .get("/api/conversations/" + line.conversationId() + "/scheduled-sends").then().statusCode(404);
        given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/scheduled-sends/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/scheduled-sends/not-an-id")
                .then().statusCode(404);
    }

    /** A line whose customer last wrote two hours ago: past the reply grace, so quiet hours apply. */
    private static Line quietLine() {
        String seller = Fixtures.unique("seller");
        return Line.open(kafka, seller, seller, true, Fixtures.number(), Instant.now().minus(2, ChronoUnit.HOURS));
    }

    /** Sets the organisation's window to two hours that start an hour from now in the recipient's zone. */
    private static Window closedNow() {
        LocalTime now = LocalTime.now(RECIPIENT);
        int start = (now.getHour() * 60 + now.getMinute() + 60) % (24 * 60);
        int end = (start + 120) % (24 * 60);
        Window window = new Window(start, end == 0 ? 24 * 60 : end);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("start", window.start(), "end", window.end()))
                .when().put("/api/compliance/quiet-hours").then().statusCode(200);
        return window;
    }

    private static void openAllDay() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("start", "00:00", "end", "24:00"))
                .when().put("/api/compliance/quiet-hours").then().statusCode(200);
    }

    private int pass() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> release.pass());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> scheduledSends(Line line) {
        return given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/scheduled-sends").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static Map<String, Object> scheduledSend(Line line, String id) {
        return given().auth().oauth2(line.token()).when()
                .get("/api/conversations/" + line.conversationId() + "/scheduled-sends/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }
}
