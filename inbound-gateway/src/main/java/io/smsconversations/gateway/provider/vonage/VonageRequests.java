package io.smsconversations.gateway.provider.vonage;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smsconversations.gateway.webhook.FormParameters;
import io.smsconversations.gateway.webhook.Rejection;
import io.smsconversations.gateway.webhook.WebhookAnswers;

/**
 * Reads a Vonage SMS API callback, which comes as a GET query string, a form POST or a JSON POST (the "HTTP Method"
 * chosen in the dashboard), into one map of parameters, and verifies its {@code sig} and {@code timestamp}. Throws
 * the 400 or 403 to answer; returns the parameters only when Vonage signed them recently.
 */
@ApplicationScoped
public class VonageRequests {

    static final String PROVIDER = "vonage";
    /** What a Vonage message id looks like; anything else from an unauthenticated caller is not logged. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** What a Vonage parameter name looks like; the details (which are logged) quote no other name a caller sent. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z-]{0,39}");

    private final VonageConfig vonage;
    private final WebhookAnswers answers;
    private final ObjectMapper json;

    VonageRequests(VonageConfig vonage, WebhookAnswers answers, ObjectMapper json) {
        this.vonage = vonage;
        this.answers = answers;
        this.json = json;
    }

    /** The parameters of a GET callback, from the raw query string. */
    public Map<String, String> fromQuery(String rawQuery) {
        return fromForm(rawQuery, "query string");
    }

    /** The parameters of a POST callback: JSON when the content type says so, form encoding otherwise. */
    public Map<String, String> fromBody(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase().contains("json")) {
            return fromJson(body);
        }
        return fromForm(body, "body");
    }

    /** Checks {@code sig} and {@code timestamp} (both signed), in that order. */
    public Map<String, String> verify(Map<String, String> parameters, Instant now) {
        String logId = logId(parameters);
        String signature = parameters.get(VonageSignature.PARAMETER);
        if (signature == null || signature.isBlank()) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_MISSING, logId, "The sig parameter is missing: "
                    + "only Vonage may call this endpoint, with signed webhooks enabled for the account.");
        }
        if (!VonageSignature.matches(vonage.signatureMethod(), vonage.signatureSecret(), parameters, signature)) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_INVALID, logId, "The sig parameter does not match "
                    + "this request for the signature secret and method (" + vonage.signatureMethod()
                    + ") configured for this gateway.");
        }
        Duration window = vonage.maxSignatureAge();
        Long timestamp = parseLong(parameters.get("timestamp"));
        if (timestamp == null || Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(window) > 0) {
            throw answers.refused(PROVIDER, Rejection.SIGNATURE_STALE, logId, "The signed timestamp is missing or "
                    + "more than " + window.toSeconds() + " s away from this gateway's clock: a replay is refused.");
        }
        return parameters;
    }

    static String logId(Map<String, String> parameters) {
        String id = parameters.get("messageId");
        return id != null && MESSAGE_ID.matcher(id).matches() ? id : "(none)";
    }

    private Map<String, String> fromForm(String text, String what) {
        FormParameters form;
        try {
            form = FormParameters.parse(text);
        } catch (IllegalArgumentException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The " + what + " is not valid form encoding.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : form.byName().entrySet()) {
            if (parameter.getValue().size() > 1) {
                // Vonage never repeats a parameter, and a signature over a map cannot say which value was signed.
                throw answers.malformed(PROVIDER, "(repeated)", "The parameter " + nameOf(parameter.getKey())
                        + " is given more than once.");
            }
            parameters.put(parameter.getKey(), parameter.getValue().get(0));
        }
        return parameters;
    }

    private Map<String, String> fromJson(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw answers.malformed(PROVIDER, "(unparsable)", "The body is not a JSON object.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isContainerNode()) {
                throw answers.malformed(PROVIDER, "(unparsable)", "The field " + nameOf(field.getKey())
                        + " is not a single value.");
            }
            if (!field.getValue().isNull()) {
                parameters.put(field.getKey(), field.getValue().asText());
            }
        }
        return parameters;
    }

    /** The name as given when it looks like a parameter name, else a word: the caller is not authenticated yet. */
    private static String nameOf(String name) {
        return PARAMETER_NAME.matcher(name).matches() ? name : "(a name that is not a Vonage parameter)";
    }

    private static Long parseLong(String text) {
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
