package io.smsconversations.gateway.webhook;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads fields of a provider's JSON whose key case is not a promise (Event Grid has written both {@code MessageId} and
 * {@code messageId}): an exact match first, then one that differs only in case.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field called {@code name} in any case, if {@code object} is an object that has it and it is not null. */
    public static Optional<JsonNode> field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return Optional.empty();
        }
        JsonNode exact = object.get(name);
        if (exact != null && !exact.isNull()) {
            return Optional.of(exact);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && !field.getValue().isNull()) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    /** The text of a value field (a string or a number), stripped, when present and not blank. */
    public static Optional<String> text(JsonNode object, String name) {
        return field(object, name).filter(JsonNode::isValueNode).map(JsonNode::asText).map(String::strip)
                .filter(text -> !text.isEmpty());
    }

    /**
     * A webhook's body as the JSON object it must be.
     *
     * @throws MalformedWebhookException "The body is not valid JSON." or "The body is not a JSON object." (safe to
     *                                   log: it quotes nothing of the body)
     */
    public static JsonNode object(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new MalformedWebhookException("The body is not valid JSON.");
        }
        return object(root);
    }

    /** {@link #object(ObjectMapper, byte[])} of a text body. */
    public static JsonNode object(ObjectMapper json, String body) {
        return object(json, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code node} itself when it is a JSON object; else "The body is not a JSON object." */
    public static JsonNode object(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedWebhookException("The body is not a JSON object.");
        }
        return node;
    }

    /** The text of a required field; a missing one is added to {@code problems} as "{@code name} is missing". */
    public static String required(JsonNode object, String name, List<String> problems) {
        Optional<String> value = text(object, name);
        if (value.isEmpty()) {
            problems.add(name + " is missing");
        }
        return value.orElse(null);
    }
}
