package io.smsconversations.gateway.provider.vonage;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.response.ValidatableResponse;
import io.smsconversations.gateway.provider.vonage.VonageSignature.Method;
import io.smsconversations.testing.KafkaTestClient;

/** A Vonage SMS API callback as Vonage sends it: parameters, signed with {@code sig} over a fresh timestamp. */
final class VonageCallback {

    final Map<String, String> parameters = new LinkedHashMap<>();

    static VonageCallback inbound(String messageId, String msisdn, String to, String text) {
        VonageCallback callback = new VonageCallback();
        callback.parameters.put("msisdn", msisdn);
        callback.parameters.put("to", to);
        callback.parameters.put("messageId", messageId);
        callback.parameters.put("text", text);
        callback.parameters.put("type", "text");
        callback.parameters.put("keyword", text.split(" ")[0].toUpperCase());
        callback.parameters.put("api-key", "abcd1234");
        callback.parameters.put("message-timestamp", "2026-11-25 00:20:00");
        callback.parameters.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        callback.parameters.put("nonce", UUID.randomUUID().toString());
        return callback;
    }

    static VonageCallback receipt(String messageId, String recipient, String sender, String status, String errCode) {
        VonageCallback callback = new VonageCallback();
        callback.parameters.put("msisdn", recipient);
        callback.parameters.put("to", sender);
        callback.parameters.put("network-code", "310090");
        callback.parameters.put("messageId", messageId);
        callback.parameters.put("price", "0.00570000");
        callback.parameters.put("status", status);
        callback.parameters.put("scts", "2611250020");
        callback.parameters.put("err-code", errCode);
        callback.parameters.put("api-key", "abcd1234");
        callback.parameters.put("message-timestamp", "2026-11-25 00:20:00");
        callback.parameters.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        callback.parameters.put("nonce", UUID.randomUUID().toString());
        return callback;
    }

    static String newMessageId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    VonageCallback set(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    VonageCallback without(String name) {
        parameters.remove(name);
        return this;
    }

    String messageId() {
        return parameters.get("messageId");
    }

    /** Signs what the callback holds now (replacing any earlier sig). */
    VonageCallback sign(Method method, String secret) {
        parameters.remove("sig");
        parameters.put("sig", VonageSignature.compute(method, secret, parameters).toUpperCase());
        return this;
    }

    ValidatableResponse get(String path) {
        return given().urlEncodingEnabled(false).when().get(path + "?" + form()).then();
    }

    ValidatableResponse postForm(String path) {
        return given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body(form())
                .when().post(path).then();
    }

    ValidatableResponse postJson(String path) {
        return given().contentType("application/json").body(KafkaTestClient.toJson(parameters))
                .when().post(path).then();
    }

    private String form() {
        return parameters.entrySet().stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
