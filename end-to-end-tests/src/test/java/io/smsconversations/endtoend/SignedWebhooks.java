package io.smsconversations.endtoend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smsconversations.testing.KafkaTestClient;

/**
 * Inbound-SMS webhooks of the four providers, each signed (or forged) the way that provider does it, written from the
 * providers' documentation independently of the gateway's verifiers: Twilio's HMAC-SHA1 header, Vonage's {@code sig}
 * (HMAC-SHA256 over the sorted parameters and a fresh timestamp), the secret in Event Grid's subscription URL
 * ({@code ?code=}) and Infobip's secret header. A webhook is a fixed request: a retry or a duplicate sends the very
 * same bytes again, as a provider does.
 */
final class SignedWebhooks {

    static final String TWILIO = "twilio";
    static final String VONAGE = "vonage";
    static final String ACS = "acs";
    static final String INFOBIP = "infobip";
    static final List<String> PROVIDERS = List.of(TWILIO, VONAGE, ACS, INFOBIP);

    /** One provider's webhook: where it goes, what it carries, and the provider's id of the message. */
    record Webhook(String provider, String providerMessageId, String url, Map<String, String> headers, String body,
            boolean forged) {
    }

    private final String gatewayUrl;

    SignedWebhooks(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    Webhook inbound(String provider, String from, String to, String text, boolean forged) {
        return switch (provider) {
            case TWILIO -> twilio(from, to, text, forged);
            case VONAGE -> vonage(from, to, text, forged);
            case ACS -> acs(from, to, text, forged);
            case INFOBIP -> infobip(from, to, text, forged);
            default -> throw new IllegalArgumentException("no such provider " + provider);
        };
    }

    private Webhook twilio(String from, String to, String text, boolean forged) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String url = gatewayUrl + "/webhooks/twilio/messages";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000e2e");
        params.put("MessageSid", sid);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", text);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        String signature = TwilioRequests.signature(forged ? "not-the-auth-token" : RunningSuite.TWILIO_AUTH_TOKEN,
                url, params);
        return new Webhook(TWILIO, sid, url, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", signature), form(params), forged);
    }

    private Webhook vonage(String from, String to, String text, boolean forged) {
        String messageId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        Map<String, String> params = new LinkedHashMap<>();
        // Vonage writes numbers without the plus.
        params.put("msisdn", from.substring(1));
        params.put("to", to.substring(1));
        params.put("messageId", messageId);
        params.put("text", text);
        params.put("type", "text");
        params.put("keyword", text.split(" ")[0].toUpperCase());
        params.put("api-key", "abcd1234");
        params.put("message-timestamp", "2026-11-25 00:20:00");
        params.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        params.put("nonce", UUID.randomUUID().toString());
        params.put("sig", vonageSignature(forged ? "not-the-signature-secret" : RunningSuite.VONAGE_SIGNATURE_SECRET,
                params));
        return new Webhook(VONAGE, messageId, gatewayUrl + "/webhooks/vonage/inbound",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form(params), forged);
    }

    private Webhook acs(String from, String to, String text, boolean forged) {
        String messageId = "Incoming_" + UUID.randomUUID();
        String event = KafkaTestClient.toJson(List.of(Map.of(
                "id", UUID.randomUUID().toString(),
                "topic", "/subscriptions/fault/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs",
                "subject", "/phonenumber/" + to.substring(1),
                "data", Map.of("MessageId", messageId, "From", from, "To", to, "Message", text,
                        "ReceivedTimestamp", Instant.now().toString()),
                "eventType", "Microsoft.Communication.SMSReceived",
                "dataVersion", "1.0",
                "metadataVersion", "1",
                "eventTime", Instant.now().toString())));
        String code = forged ? "not-the-webhook-secret" : RunningSuite.ACS_WEBHOOK_SECRET;
        return new Webhook(ACS, messageId, gatewayUrl + "/webhooks/acs/events?code=" + code,
                Map.of("Content-Type", "application/json", "aeg-subscription-name", RunningSuite.ACS_SUBSCRIPTION,
                        "aeg-event-type", "Notification"), event, forged);
    }

    private Webhook infobip(String from, String to, String text, boolean forged) {
        String messageId = UUID.randomUUID().toString();
        String body = KafkaTestClient.toJson(Map.of("results", List.of(Map.of(
                "messageId", messageId, "from", from.substring(1), "to", to.substring(1), "text", text,
                "cleanText", text, "keyword", "", "receivedAt", Instant.now().toString(), "smsCount", 1)),
                "messageCount", 1, "pendingMessageCount", 0));
        return new Webhook(INFOBIP, messageId, gatewayUrl + "/webhooks/infobip/inbound",
                Map.of("Content-Type", "application/json", "x-sms-webhook-secret",
                        forged ? "not-the-webhook-secret" : RunningSuite.INFOBIP_WEBHOOK_SECRET), body, forged);
    }

    /**
     * Vonage's signature: every parameter but {@code sig}, sorted by name, written {@code &name=value} with {@code &}
     * and {@code =} in values replaced by {@code _}; HMAC-SHA256 of that with the signature secret, in hex capitals.
     */
    private static String vonageSignature(String secret, Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"sig".equals(name)) {
                text.append('&').append(name).append('=').append(value.replace('&', '_').replace('=', '_'));
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
