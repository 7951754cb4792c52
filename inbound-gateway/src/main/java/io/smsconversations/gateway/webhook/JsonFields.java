package io.smsconversations.gateway.webhook;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

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
}
