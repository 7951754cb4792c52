package io.smsconversations.gateway.provider.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.MediaReference;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.Metrics;
import io.smsconversations.gateway.media.MediaIds;
import io.smsconversations.gateway.PublishedSoFar;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.gateway.GatewayTestResource;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioMessageWebhookTest {

    private static final String PATH = TwilioMessageWebhook.PATH;
    private static final String TOPIC = Topics.INBOUND_MESSAGES;
    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** Long enough for a fresh reader to join and read the topic; a control message proves it did. */
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(4);

    private static KafkaTestClient kafka;

    @ConfigProperty(name = "gateway.twilio.auth-token")
    String authToken;

    @ConfigProperty(name = "gateway.public-base-url")
    String publicBaseUrl;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSuite();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesASignedMmsOnceKafkaHasItAndAnswersEmptyTwiml() {
        String sid = TwilioWebhook.newSid("MM");
        String from = TwilioWebhook.randomNumber("+1425555");
        String to = TwilioWebhook.randomNumber("+1206555");
        String body = "Ciao \u00e8 \ud83d\udc4b <b>&amp; + 100% " + sid;
        TwilioWebhook webhook = TwilioWebhook.sms(sid, from, to, body)
                .set("NumSegments", "2").set("NumMedia", "2")
                .add("MediaContentType0", "image/jpeg").add("MediaUrl0", "https://api.twilio.com/2010-04-01/m/ME0")
                .add("MediaContentType1", "application/pdf").add("MediaUrl1", "https://api.twilio.com/2010-04-01/m/ME1");
        // The number's webhook in Twilio's console may carry a query string: it is part of what Twilio signs.
        String pathAndQuery = PATH + "?tenant=acme&region=eu";
        double acceptedBefore = Metrics.counter("gateway_webhook_accepted_total", "provider=\"twilio\"");

        Instant before = Instant.now();
        webhook.post(pathAndQuery, webhook.signature(authToken, publicBaseUrl + pathAndQuery))
                .statusCode(200)
                .contentType(startsWith("text/xml"))
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
        Instant after = Instant.now();

        // Answered after Kafka acknowledged: the record is there already, and only once.
        List<CloudEventRecord> records = kafka.collect(TOPIC, r -> sid.equals(r.subject()), QUIET_WINDOW);
        assertThat(records).hasSize(1);
        CloudEventRecord record = records.get(0);
        assertThat(record.id()).isEqualTo(EventIds.inboundMessage("twilio", sid));
        assertThat(record.type()).isEqualTo(EventTypes.INBOUND_MESSAGE_RECEIVED);
        assertThat(record.source()).isEqualTo(EventTypes.SOURCE_INBOUND_GATEWAY);
        assertThat(record.subject()).isEqualTo(sid);
        assertThat(record.key()).isEqualTo(ConversationKey.of(from, to));

        // The wire format other services read: ISO-8601 text, not epoch numbers.
        assertThat(record.data().get("receivedAt").isTextual()).as("receivedAt as text").isTrue();
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.receivedAt()).isBetween(before, after);
        assertThat(ZonedDateTime.parse(record.time()).toInstant()).as("ce time")
                .isCloseTo(event.receivedAt(), within(1, ChronoUnit.MILLIS));
        assertThat(event).isEqualTo(new InboundMessageReceived("twilio", sid, from, to, body, event.receivedAt(),
                List.of(new MediaReference(MediaIds.of("twilio", sid, 0).toString(), "image/jpeg"),
                        new MediaReference(MediaIds.of("twilio", sid, 1).toString(), "application/pdf")),
                2));
        // Twilio's media URLs stay in the gateway (MediaEndpointTest fetches through them).
        assertThat(record.data().toString()).doesNotContain("api.twilio.com");
        assertThat(Metrics.counter("gateway_webhook_accepted_total", "provider=\"twilio\""))
                .isEqualTo(acceptedBefore + 1);
    }

    @Test
    void normalisesNumbersToE164AndDefaultsSegmentsToOne() {
        String sid = TwilioWebhook.newSid("SM");
        TwilioWebhook webhook = TwilioWebhook.sms(sid, "14255550123", "+1 (206) 555-0188", "plain " + sid)
                .without("NumSegments");

        webhook.post(PATH, webhook.signature(authToken, publicBaseUrl + PATH)).statusCode(200);

        CloudEventRecord record = kafka.awaitOne(TOPIC, r -> sid.equals(r.subject()), AWAIT);
        InboundMessageReceived event = record.dataAs(InboundMessageReceived.class);
        assertThat(event.from()).isEqualTo("+14255550123");
        assertThat(event.to()).isEqualTo("+12065550188");
        assertThat(event.segments()).isEqualTo(1);
        assertThat(event.media()).isEmpty();
        assertThat(record.key()).isEqualTo("+14255550123|+12065550188");
    }

    @Test
    void aMessageToAShortCodeIsKeyedByTheCountryTwilioNames() {
        String sid = TwilioWebhook.newSid("SM");
        String from = TwilioWebhook.randomNumber("+1425555");
        TwilioWebhook webhook = TwilioWebhook.sms(sid, from, "12345", "YES " + sid);

        webhook.post(PATH, webhook.signature(authToken, publicBaseUrl + PATH)).statusCode(200);

        CloudEventRecord record = kafka.awaitOne(TOPIC, r -> sid.equals(r.subject()), AWAIT);
        assertThat(record.dataAs(InboundMessageReceived.class).to()).isEqualTo("US:12345");
        assertThat(record.key()).isEqualTo(from + "|US:12345");
    }

    @Test
    void refusesAForgedSignature() {
        TwilioWebhook webhook = TwilioWebhook.sms("forged " + TwilioWebhook.newSid("X"));
        double before = rejected("signature-invalid");

        webhook.post(PATH, webhook.signature("not-the-auth-token", publicBaseUrl + PATH))
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"))
                .body("detail", containsString("X-Twilio-Signature header does not match this request"))
                .body("detail", containsString(publicBaseUrl + PATH));

        assertThat(rejected("signature-invalid")).isEqualTo(before + 1);
        assertNothingPublished(webhook);
    }

    @Test
    void refusesAMissingSignature() {
        TwilioWebhook webhook = TwilioWebhook.sms("unsigned " + TwilioWebhook.newSid("X"));
        double before = rejected("signature-missing");

        webhook.post(PATH, null)
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", containsString("X-Twilio-Signature header is missing"));

        assertThat(rejected("signature-missing")).isEqualTo(before + 1);
        assertNothingPublished(webhook);
    }

    @Test
    void refusesASignatureComputedForAnotherUrl() {
        TwilioWebhook webhook = TwilioWebhook.sms("other url " + TwilioWebhook.newSid("X"));
        String pathAndQuery = PATH + "?tenant=acme";
        // The URL this process really serves (what a gateway that ignored its public URL would check)...
        String internal = "http://localhost:" + RestAssured.port + pathAndQuery;
        // ... the local default public URL, another host, and the public URL without its query string.
        List<String> otherUrls = List.of(internal, "http://localhost:8081" + pathAndQuery,
                "https://evil.example.test" + pathAndQuery, publicBaseUrl + PATH);

        for (String url : otherUrls) {
            webhook.post(pathAndQuery, webhook.signature(authToken, url))
                    .statusCode(403)
                    .body("detail", containsString("does not match"));
        }

        assertNothingPublished(webhook);
    }

    @Test
    void acceptsASignatureOverThePublicUrlWithItsDefaultPortButNotAnotherPort() {
        // The public URL is https without a port; Twilio may sign it with :443 written out, never with :8443.
        assertThat(publicBaseUrl).startsWith("https://").doesNotContain(":443");
        TwilioWebhook defaultPort = TwilioWebhook.sms("port 443 " + TwilioWebhook.newSid("X"));
        defaultPort.post(PATH, defaultPort.signature(authToken, publicBaseUrl + ":443" + PATH)).statusCode(200);
        kafka.awaitOne(TOPIC, r -> defaultPort.messageSid().equals(r.subject()), AWAIT);

        TwilioWebhook otherPort = TwilioWebhook.sms("port 8443 " + TwilioWebhook.newSid("X"));
        otherPort.post(PATH, otherPort.signature(authToken, publicBaseUrl + ":8443" + PATH))
                .statusCode(403)
                .body("detail", containsString("does not match"));
        assertNothingPublished(otherPort);
    }

    @Test
    void refusesATamperedBody() {
        TwilioWebhook webhook = TwilioWebhook.sms("original " + TwilioWebhook.newSid("X"));
        String signature = webhook.signature(authToken, publicBaseUrl + PATH);
        webhook.set("Body", "tampered " + webhook.messageSid());

        webhook.post(PATH, signature).statusCode(403);

        assertNothingPublished(webhook);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("From missing", (UnaryOperator<TwilioWebhook>) w -> w.without("From"),
                        "From is missing"),
                Arguments.of("To missing", (UnaryOperator<TwilioWebhook>) w -> w.without("To"),
                        "To is missing"),
                Arguments.of("MessageSid missing", (UnaryOperator<TwilioWebhook>) w -> w.without("MessageSid"),
                        "MessageSid is missing"),
                Arguments.of("From not a number", (UnaryOperator<TwilioWebhook>) w -> w.set("From", "customer"),
                        "From is not a phone number that can be written in E.164"),
                Arguments.of("To too short", (UnaryOperator<TwilioWebhook>) w -> w.set("To", "+12"),
                        "To is not a phone number in E.164 (+<country code><number>) or a short code"),
                Arguments.of("To an alphanumeric sender id", (UnaryOperator<TwilioWebhook>) w -> w.set("To", "Contoso"),
                        "To is not a phone number in E.164 (+<country code><number>) or a short code"),
                Arguments.of("NumSegments not numeric", (UnaryOperator<TwilioWebhook>) w -> w.set("NumSegments", "two"),
                        "NumSegments must be a whole number of at least 1"),
                Arguments.of("media announced, not sent", (UnaryOperator<TwilioWebhook>) w -> w.set("NumMedia", "1"),
                        "MediaUrl0 is missing although NumMedia is 1"),
                Arguments.of("NumMedia not numeric", (UnaryOperator<TwilioWebhook>) w -> w.set("NumMedia", "one"),
                        "NumMedia must be a whole number of at least 0"),
                Arguments.of("more media than Twilio allows", (UnaryOperator<TwilioWebhook>) w -> w.set("NumMedia", "11"),
                        "NumMedia is 11, more than the 10 media items allowed"),
                Arguments.of("more URLs than NumMedia", (UnaryOperator<TwilioWebhook>) w -> w.set("NumMedia", "1")
                        .add("MediaUrl0", "https://api.twilio.com/m/0").add("MediaUrl1", "https://api.twilio.com/m/1"),
                        "MediaUrl1 is present although NumMedia is 1"),
                Arguments.of("media URL on another host", (UnaryOperator<TwilioWebhook>) w -> w.set("NumMedia", "1")
                        .add("MediaUrl0", "https://metadata.internal/latest"),
                        "MediaUrl0 is not on the provider's media host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedButAuthenticWebhook(String name, UnaryOperator<TwilioWebhook> breakIt, String detail) {
        TwilioWebhook webhook = breakIt.apply(TwilioWebhook.sms("malformed " + TwilioWebhook.newSid("X")));
        double before = rejected("malformed");

        webhook.post(PATH, webhook.signature(authToken, publicBaseUrl + PATH))
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString(detail))
                // the detail is logged: it names fields, never quotes their values
                .body("detail", not(containsString("customer")));

        assertThat(rejected("malformed")).isEqualTo(before + 1);
        assertNothingPublished(webhook);
    }

    @Test
    void refusesABodyThatIsNotFormEncoding() {
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .header(TwilioSignature.HEADER, "c29tZXRoaW5n")
                .body("MessageSid=SM1&Body=100%&From=%2B14255550100")
                .when().post(PATH).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("The body is not valid application/x-www-form-urlencoded."));
    }

    @Test
    void aRedeliveredWebhookIsPublishedAgainWithTheSameEventId() {
        TwilioWebhook webhook = TwilioWebhook.sms("twice " + TwilioWebhook.newSid("X"));
        String sid = webhook.messageSid();
        String signature = webhook.signature(authToken, publicBaseUrl + PATH);

        webhook.post(PATH, signature).statusCode(200);
        webhook.post(PATH, signature).statusCode(200);

        List<CloudEventRecord> records = kafka.await(TOPIC, r -> sid.equals(r.subject()), 2, AWAIT);
        assertThat(records).hasSize(2);
        // Consumers drop the second copy by its id.
        assertThat(records).extracting(CloudEventRecord::id)
                .containsOnly(EventIds.inboundMessage("twilio", sid));
        assertThat(records.get(0).key()).isEqualTo(records.get(1).key());
    }

    /**
     * Proves nothing of {@code refused} reached the topic: a valid control message from the same numbers goes after
     * it (same key, same partition), and the reader must see the control and nothing carrying the refused one's body
     * or MessageSid.
     */
    private void assertNothingPublished(TwilioWebhook refused) {
        String marker = refused.get("Body");
        String refusedSid = refused.has("MessageSid") ? refused.messageSid() : null;
        TwilioWebhook control = TwilioWebhook.sms(TwilioWebhook.newSid("SM"),
                refused.has("From") && !"customer".equals(refused.get("From")) ? refused.get("From")
                        : TwilioWebhook.randomNumber("+1425555"),
                refused.has("To") && !Set.of("+12", "Contoso").contains(refused.get("To")) ? refused.get("To")
                        : TwilioWebhook.randomNumber("+1206555"),
                "control");
        control.post(PATH, control.signature(authToken, publicBaseUrl + PATH)).statusCode(200);

        List<String> seen = PublishedSoFar.subjects(TOPIC,
                r -> control.messageSid().equals(r.subject())
                        || (refusedSid != null && refusedSid.equals(r.subject()))
                        || (r.value() != null && r.value().contains(marker)));

        assertThat(seen).containsExactly(control.messageSid());
    }

    private static double rejected(String reason) {
        return Metrics.counter("gateway_webhook_rejected_total", "provider=\"twilio\",reason=\"" + reason + "\"");
    }
}
