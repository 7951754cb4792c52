package io.smsconversations.gateway.provider.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.PublicUrl;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.WebhookAnswers;
import io.vertx.core.http.HttpServerRequest;

/**
 * What every Twilio webhook checks first: the form body parses and {@code X-Twilio-Signature} matches it for the public
 * URL. Throws the 403 or 400 to answer; returns the parameters only when Twilio signed them.
 */
@ApplicationScoped
public class TwilioRequestVerifier {

    /** What a Twilio SID looks like; anything else from an unauthenticated caller is not echoed into the logs. */
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final GatewayConfig gateway;
    private final TwilioConfig twilio;
    private final WebhookAnswers answers;
    private final ObjectMapper json;

    TwilioRequestVerifier(GatewayConfig gateway, TwilioConfig twilio, WebhookAnswers answers, ObjectMapper json) {
        this.gateway = gateway;
        this.twilio = twilio;
        this.answers = answers;
        this.json = json;
    }

    public FormParameters verify(String signature, String body, HttpServerRequest request) {
        String provider = TwilioInboundMessages.PROVIDER;
        if (signature == null || signature.isBlank()) {
            throw answers.refused(provider, Rejection.SIGNATURE_MISSING, "(none)",
                    "The " + TwilioSignature.HEADER + " header is missing: only Twilio may call this endpoint.");
        }
        String url = PublicUrl.of(gateway.publicBaseUrl(), request.uri());
        if (TwilioSignature.bodySha256(url) != null) {
            return verifyJsonBody(signature, body, url);
        }
        FormParameters form;
        try {
            form = FormParameters.parse(body);
        } catch (IllegalArgumentException e) {
            throw answers.malformed(provider, "(unparsable)",
                    "The body is not valid application/x-www-form-urlencoded.");
        }
        if (!TwilioSignature.matches(twilio.authToken(), url, form, signature)) {
            throw answers.refused(provider, Rejection.SIGNATURE_INVALID, logId(form), "The " + TwilioSignature.HEADER
                    + " header does not match this request. It was checked for the URL " + withoutQuery(url)
                    + " followed by the query string as received (gateway.public-base-url + path + query; also with"
                    + " the default port written out or left out) and the auth token configured for this gateway.");
        }
        return form;
    }

    /**
     * Twilio's JSON-body variant ({@code bodySHA256} in the URL): the signature covers the URL, the URL covers the
     * body. The body's top-level fields then stand in for form parameters.
     */
    private FormParameters verifyJsonBody(String signature, String body, String url) {
        String provider = TwilioInboundMessages.PROVIDER;
        if (!TwilioSignature.matchesJsonBody(twilio.authToken(), url, body, signature)) {
            throw answers.refused(provider, Rejection.SIGNATURE_INVALID, "(json body)", "The " + TwilioSignature.HEADER
                    + " header or the bodySHA256 parameter does not match this request. It was checked for the URL "
                    + withoutQuery(url) + " followed by the query string as received (also with the default port"
                    + " written out or left out) and the auth token configured for this gateway.");
        }
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw answers.malformed(provider, "(json body)", "The body is not a JSON object.");
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        root.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                pairs.add(Map.entry(field.getKey(), field.getValue().asText()));
            }
        });
        return FormParameters.of(pairs);
    }

    /**
     * The URL up to its query string, for a detail (which is logged): the query is the caller's, and a stranger's may
     * carry numbers, texts or another provider's secret.
     */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The MessageSid for the logs, only if it looks like one: the caller may not be authenticated yet. */
    static String logId(FormParameters form) {
        return form.first("MessageSid").filter(sid -> SID.matcher(sid).matches()).orElse("(none)");
    }
}
