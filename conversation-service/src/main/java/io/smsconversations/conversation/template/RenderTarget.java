package io.smsconversations.conversation.template;

import java.util.Map;

/**
 * What to fill a template for: the record (required), the business number it will be sent from (optional; fills
 * BusinessNumberName) and values the seller typed, which take precedence over the directory's.
 */
public record RenderTarget(String recordId, String businessNumber, Map<String, String> values) {

    public RenderTarget {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
