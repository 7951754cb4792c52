package io.smsconversations.gateway.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smsconversations.events.MediaRequests;
import io.smsconversations.gateway.GatewayTestResource;
import io.smsconversations.gateway.media.MediaIds;

/**
 * The gateway's internal media endpoint end to end: an MMS webhook stores Twilio's media URL in the gateway's real
 * database, then a signed {@code GET /internal/media/{id}} fetches it from a fake Twilio (WireMock) with Twilio's
 * basic auth, follows Twilio's redirect to its CDN (without the credentials) and streams the bytes, or refuses.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TwilioMediaFetchTest {

    @ConfigProperty(name = "gateway.twilio.auth-token")
    String authToken;

    @ConfigProperty(name = "gateway.twilio.account-sid")
    String accountSid;

    @ConfigProperty(name = "gateway.public-base-url")
    String publicBaseUrl;

    @ConfigProperty(name = "gateway.media.signing-secret")
    String signingSecret;

    @TestHTTPResource("/")
    URI gateway;

    private static WireMockServer twilio() {
        return GatewayTestResource.providers();
    }

    @Test
    void streamsTheItemThroughTwiliosRedirectWithCredentialsOnTwiliosHostOnly() {
        byte[] picture = randomBytes(40_000);
        String sid = TwilioWebhook.newSid("MM");
        twilio().stubFor(get(urlEqualTo("/twilio-media/" + sid + "/0"))
                .willReturn(aResponse().withStatus(307).withHeader("Location", cdn("/cdn/" + sid))));
        twilio().stubFor(get(urlEqualTo("/cdn/" + sid))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(picture)));
        String mediaId = receiveMms(sid, "/twilio-media/" + sid + "/0", "image/jpeg");

        byte[] body = signed(mediaId).get(MediaRequests.path(mediaId)).then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", "private, no-store")
                .extract().asByteArray();

        assertThat(body).isEqualTo(picture);
        String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        twilio().verify(getRequestedFor(urlEqualTo("/twilio-media/" + sid + "/0"))
                .withHeader("Authorization", equalTo(basic)));
        twilio().verify(getRequestedFor(urlEqualTo("/cdn/" + sid)).withHeader("Authorization", absent()));
    }

    @Test
    void aRepeatedWebhookMapsToTheSameItem() {
        String sid = TwilioWebhook.newSid("MM");
        twilio().stubFor(get(urlEqualTo("/twilio-media/" + sid + "/0"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(new byte[] { 1, 2, 3 })));

        String first = receiveMms(sid, "/twilio-media/" + sid + "/0", "image/png");
        String again = receiveMms(sid, "/twilio-media/" + sid + "/0", "image/png");

        assertThat(again).isEqualTo(first);
        assertThat(signed(first).get(MediaRequests.path(first)).then().statusCode(200).extract().asByteArray())
                .containsExactly(1, 2, 3);
    }

    @Test
    void refusesADeclaredLengthOverTheBoundBeforeAnyByte() {
        String mediaId = stubbedItem(aResponse().withHeader("Content-Type", "video/mp4")
                .withHeader("Content-Length", "65537").withBody(randomBytes(65_537)));

        problem(signed(mediaId).get(MediaRequests.path(mediaId)).then(), 502, "media-too-large")
                .body("detail", containsString("65537 bytes, more than the 65536 allowed"));
    }

    @Test
    void abortsAStreamThatOutgrowsTheBoundInsteadOfBufferingIt() {
        // Chunked: no length to refuse up front, so the gateway counts and cuts the answer off past the bound.
        String mediaId = stubbedItem(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(randomBytes(200_000)).withChunkedDribbleDelay(20, 200));
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(MediaRequests.path(mediaId)))
                .header(MediaRequests.EXPIRES_HEADER, Long.toString(expiry()))
                .header(MediaRequests.SIGNATURE_HEADER, MediaRequests.signature(signingSecret, mediaId, expiry()))
                .build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesARedirectToAHostOutsideTwiliosAllowlist() {
        String sid = TwilioWebhook.newSid("MM");
        // 127.0.0.2 is not one of Twilio's hosts (an internal address, say): the gateway must not even call it.
        twilio().stubFor(get(urlEqualTo("/twilio-media/" + sid + "/0")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.2:" + twilio().port() + "/internal/" + sid)));
        String mediaId = receiveMms(sid, "/twilio-media/" + sid + "/0", "image/gif");

        problem(signed(mediaId).get(MediaRequests.path(mediaId)).then(), 502, "media-host-refused")
                .body("detail", containsString("Redirect 1 leads to a host that is not one of twilio's media hosts"));
    }

    @Test
    void refusesAContentTypeOutsideTheAllowlist() {
        String mediaId = stubbedItem(aResponse().withHeader("Content-Type", "text/html").withBody("<script>"));

        problem(signed(mediaId).get(MediaRequests.path(mediaId)).then(), 502, "media-type-refused");
    }

    @Test
    void passesOnThatTwilioNoLongerHasTheItemOrFailed() {
        String gone = stubbedItem(aResponse().withStatus(404));
        String failing = stubbedItem(aResponse().withStatus(500));

        problem(signed(gone).get(MediaRequests.path(gone)).then(), 404, "media-not-found")
                .body("detail", containsString("answered 404"));
        problem(signed(failing).get(MediaRequests.path(failing)).then(), 502, "provider-media-unavailable")
                .body("detail", containsString("answered 500"));
    }

    @Test
    void refusesUnsignedForgedAndExpiredRequestsWithoutCallingTwilio() {
        String sid = TwilioWebhook.newSid("MM");
        String mediaId = receiveMms(sid, "/twilio-media/" + sid + "/0", "image/png");
        long past = Instant.now().getEpochSecond() - 5;

        problem(given().get(MediaRequests.path(mediaId)).then(), 401, "media-request-unauthenticated")
                .header("WWW-Authenticate", "MediaSignature");
        problem(given().header(MediaRequests.EXPIRES_HEADER, expiry())
                .header(MediaRequests.SIGNATURE_HEADER, MediaRequests.signature("not-the-secret", mediaId, expiry()))
                .get(MediaRequests.path(mediaId)).then(), 401, "media-request-unauthenticated")
                .body("detail", containsString("does not match"));
        problem(given().header(MediaRequests.EXPIRES_HEADER, past)
                .header(MediaRequests.SIGNATURE_HEADER, MediaRequests.signature(signingSecret, mediaId, past))
                .get(MediaRequests.path(mediaId)).then(), 401, "media-request-unauthenticated")
                .body("detail", containsString("expired"));
        twilio().verify(0, getRequestedFor(urlEqualTo("/twilio-media/" + sid + "/0")));
    }

    @Test
    void answers404ForAnUnknownItem() {
        String unknown = MediaIds.of("twilio", TwilioWebhook.newSid("MM"), 0).toString();

        problem(signed(unknown).get(MediaRequests.path(unknown)).then(), 404, "media-not-found");
        problem(signed("not-a-uuid").get(MediaRequests.path("not-a-uuid")).then(), 404, "media-not-found");
    }

    /** A stored item whose Twilio URL answers {@code answer}. */
    private String stubbedItem(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        String sid = TwilioWebhook.newSid("MM");
        twilio().stubFor(get(urlEqualTo("/twilio-media/" + sid + "/0")).willReturn(answer));
        return receiveMms(sid, "/twilio-media/" + sid + "/0", "image/png");
    }

    /** Posts Twilio's signed MMS webhook with one item at {@code path} of the fake Twilio; its media id. */
    private String receiveMms(String sid, String path, String contentType) {
        TwilioWebhook webhook = TwilioWebhook.sms(sid, TwilioWebhook.randomNumber("+1425555"),
                TwilioWebhook.randomNumber("+1206555"), "picture " + sid)
                .set("NumMedia", "1").add("MediaContentType0", contentType)
                .add("MediaUrl0", "http://127.0.0.1:" + twilio().port() + path);
        String url = publicBaseUrl + TwilioMessageWebhook.PATH;
        webhook.post(TwilioMessageWebhook.PATH, webhook.signature(authToken, url)).statusCode(200);
        return MediaIds.of("twilio", sid, 0).toString();
    }

    private io.restassured.specification.RequestSpecification signed(String mediaId) {
        long expires = expiry();
        return given().header(MediaRequests.EXPIRES_HEADER, expires)
                .header(MediaRequests.SIGNATURE_HEADER, MediaRequests.signature(signingSecret, mediaId, expires));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", org.hamcrest.Matchers.equalTo("https://sms-conversations.io/problems/" + slug))
                .body("status", org.hamcrest.Matchers.equalTo(status));
    }

    private static long expiry() {
        return Instant.now().plus(Duration.ofMinutes(2)).getEpochSecond();
    }

    private static String cdn(String path) {
        return "http://localhost:" + twilio().port() + path;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
