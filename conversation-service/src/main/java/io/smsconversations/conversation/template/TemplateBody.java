package io.smsconversations.conversation.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A template body split into literal text and placeholders <code>{{Name}}</code> or
 * <code>{{Name|default value}}</code>. Spaces around the name are allowed; the default is taken as written, up to the
 * closing braces. Opening braces that are never closed, closing braces never opened, braces inside a placeholder, or
 * a name that is not a single word are reported as malformed fragments rather than sent as text: they are almost
 * always a typo, and a customer should never receive them.
 */
public record TemplateBody(List<Part> parts, List<String> malformed) {

    /** A piece of the body: literal text, or a placeholder (then {@code text} is null). */
    public record Part(String text, Placeholder placeholder) {
    }

    /** {@code defaultValue} is null when the placeholder has none (<code>{{Name}}</code>). */
    public record Placeholder(String name, String defaultValue) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    /** How much of the text around lone braces a refusal quotes. */
    private static final int FRAGMENT = 30;

    public static TemplateBody parse(String body) {
        List<Part> parts = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        int at = 0;
        while (at < body.length()) {
            int open = body.indexOf("{{", at);
            int strayClose = body.indexOf("}}", at);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                malformed.add(fragment(body, Math.max(at, strayClose - FRAGMENT + 2), strayClose + 2));
                parts.add(new Part(body.substring(at, strayClose + 2), null));
                at = strayClose + 2;
                continue;
            }
            if (open < 0) {
                parts.add(new Part(body.substring(at), null));
                break;
            }
            if (open > at) {
                parts.add(new Part(body.substring(at, open), null));
            }
            int close = body.indexOf("}}", open + 2);
            if (close < 0) {
                malformed.add(fragment(body, open, Math.min(body.length(), open + FRAGMENT)));
                parts.add(new Part(body.substring(open), null));
                break;
            }
            String inner = body.substring(open + 2, close);
            Placeholder placeholder = placeholder(inner);
            if (placeholder == null) {
                malformed.add(body.substring(open, close + 2));
                parts.add(new Part(body.substring(open, close + 2), null));
            } else {
                parts.add(new Part(null, placeholder));
            }
            at = close + 2;
        }
        return new TemplateBody(List.copyOf(parts), List.copyOf(malformed));
    }

    /** The names of the placeholders, each once, in order of first use. */
    public List<String> placeholderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part.placeholder() != null) {
                names.add(part.placeholder().name());
            }
        }
        return List.copyOf(names);
    }

    private static Placeholder placeholder(String inner) {
        if (inner.indexOf('{') >= 0) {
            return null;
        }
        int bar = inner.indexOf('|');
        String name = (bar < 0 ? inner : inner.substring(0, bar)).strip();
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        return new Placeholder(name, bar < 0 ? null : inner.substring(bar + 1));
    }

    private static String fragment(String body, int from, int to) {
        return body.substring(from, to);
    }
}
