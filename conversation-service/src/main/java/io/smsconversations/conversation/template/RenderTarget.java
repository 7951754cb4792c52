package io.smsconversations.conversation.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to fill a template for: the record (required), the business number it will be sent from (optional; fills
 * BusinessNumberName) and values the seller typed, which take precedence over the directory's. The values are kept
 * as given, nulls included, so that the renderer refuses a null value with a 400 naming it instead of failing here.
 */
public record RenderTarget(String recordId, String businessNumber, Map<String, String> values) {

    public RenderTarget {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
