package io.smsconversations.gateway.provider.twilio;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.gateway.webhook.FormParameters;

/**
 * A webhook as Twilio sends it for an incoming SMS: the parameters of a real request, with unique ids and numbers
 * per test (the broker is shared by every test of the module).
 */
final class TwilioWebhook {

    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

    private TwilioWebhook() {
    }

    /** An SMS with a fresh MessageSid from a fresh customer number to a fresh business number. */
    static TwilioWebhook sms(String body) {
        return sms(newSid("SM"), randomNumber("+1425555"), randomNumber("+1206555"), body);
    }

    static TwilioWebhook sms(String messageSid, String from, String to, String body) {
        TwilioWebhook webhook = new TwilioWebhook();
        webhook.add("ToCountry", "US").add("ToState", "WA").add("SmsMessageSid", messageSid).add("NumMedia", "0")
                .add("ToCity", "SEATTLE").add("FromZip", "98004").add("SmsSid", messageSid).add("FromState", "WA")
                .add("SmsStatus", "received").add("FromCity", "BELLEVUE").add("Body", body).add("FromCountry", "US")
                .add("To", to).add("ToZip", "98101").add("NumSegments", "1").add("MessageSid", messageSid)
                .add("AccountSid", "AC" + hex32()).add("From", from).add("ApiVersion", "2010-04-01");
        return webhook;
    }

    /** A status callback as Twilio sends it for an outbound message (ErrorCode only when not null). */
    static TwilioWebhook status(String messageSid, String from, String to, String messageStatus, String errorCode) {
        TwilioWebhook webhook = new TwilioWebhook();
        webhook.add("ApiVersion", "2010-04-01").add("AccountSid", "AC" + hex32()).add("SmsSid", messageSid)
                .add("SmsStatus", messageStatus).add("MessageStatus", messageStatus).add("MessageSid", messageSid)
                .add("From", from).add("To", to).add("RawDlrDoneDate", "2611250010");
        if (errorCode != null) {
            webhook.add("ErrorCode", errorCode);
        }
        return webhook;
    }

    static String newSid(String prefix) {
        return prefix + hex32();
    }

    static String randomNumber(String prefix) {
        return prefix + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    /** Adds a parameter (a second one with a name already present makes it repeated). */
    TwilioWebhook add(String name, String value) {
        parameters.add(Map.entry(name, value));
        return this;
    }

    /** Replaces every parameter called {@code name} by one with {@code value}. */
    TwilioWebhook set(String name, String value) {
        return without(name).add(name, value);
    }

    TwilioWebhook without(String name) {
        parameters.removeIf(p -> p.getKey().equals(name));
        return this;
    }

    String get(String name) {
        return parameters.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                .orElseThrow();
    }

    boolean has(String name) {
        return parameters.stream().anyMatch(p -> p.getKey().equals(name));
    }

    String messageSid() {
        return get("MessageSid");
    }

    /** The body as Twilio sends it: application/x-www-form-urlencoded, UTF-8. */
    String formBody() {
        return parameters.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** What Twilio would put in X-Twilio-Signature for this body posted to {@code url}. */
    String signature(String authToken, String url) {
        return TwilioSignature.compute(authToken, url, FormParameters.of(parameters));
    }

    /** Posts to {@code pathAndQuery} (taken literally, not re-encoded) with {@code signature} (none when null). */
    ValidatableResponse post(String pathAndQuery, String signature) {
        RequestSpecification request = given().urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(formBody());
        if (signature != null) {
            request.header(TwilioSignature.HEADER, signature);
        }
        return request.when().post(pathAndQuery).then();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
