package io.smsconversations.conversation.template;

import java.util.List;

import io.smsconversations.conversation.encoding.SegmentPreviewResource;
import io.smsconversations.events.RecordType;

/** What a template must be to be saved (SPEC §5); every refusal is a 400 naming its field and reason. */
final class TemplateRules {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_BODY_LENGTH = SegmentPreviewResource.MAX_BODY_LENGTH;

    private TemplateRules() {
    }

    /** The request, checked, with its name trimmed and its language in canonical form. */
    static TemplateRequest check(TemplateRequest request) {
        if (request == null) {
            throw TemplateProblems.badRequest("body-missing", "request", "A template is required");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw TemplateProblems.badRequest("name-missing", "name", "The template needs a name");
        }
        String name = request.name().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw TemplateProblems.badRequest("name-too-long", "name",
                    "The name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        if (request.category() == null) {
            throw TemplateProblems.badRequest("category-missing", "category",
                    "The category (CONTACT, ACCOUNT, OPPORTUNITY or LEAD) is required");
        }
        String language = language(request.language(), "language");
        checkBody(request.body(), request.category());
        return new TemplateRequest(name, request.category(), language, request.body(), request.scope());
    }

    /** The canonical tag; a missing or invalid one is a 400 naming {@code field}. */
    static String language(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw TemplateProblems.badRequest("language-missing", field,
                    "The language is required, as a BCP 47 tag such as en or en-US");
        }
        return LanguageTag.canonical(raw).orElseThrow(() -> TemplateProblems.badRequest("language-invalid", field,
                "'" + raw + "' is not a BCP 47 language tag of a known language (e.g. en, en-US, fr-CA)"));
    }

    /**
     * A body fit to be stored or filled: not empty, at most 1600 characters, well-formed placeholders that are all
     * known fields and, when {@code category} is given, fields a record of that type can fill.
     */
    static TemplateBody checkBody(String body, RecordType category) {
        if (body == null || body.isBlank()) {
            throw TemplateProblems.badRequest("body-empty", "body", "The template body is empty");
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw TemplateProblems.badRequest("body-too-long", "body", "The body is " + body.length()
                    + " characters long; at most " + MAX_BODY_LENGTH + " are allowed");
        }
        TemplateBody parsed = TemplateBody.parse(body);
        if (!parsed.malformed().isEmpty()) {
            throw TemplateProblems.placeholders("malformed-placeholder", "body",
                    "Malformed placeholder " + quoted(parsed.malformed())
                            + ": write {{Name}} or {{Name|default value}}",
                    parsed.malformed(), TemplateField.names());
        }
        List<String> unknown = parsed.placeholderNames().stream()
                .filter(name -> TemplateField.named(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw TemplateProblems.placeholders("unknown-placeholder", "body",
                    "Unknown placeholder " + braced(unknown) + "; known: " + String.join(", ", TemplateField.names()),
                    unknown, TemplateField.names());
        }
        if (category != null) {
            List<String> notForCategory = parsed.placeholderNames().stream()
                    .filter(name -> !TemplateField.named(name).orElseThrow().appliesTo(category)).toList();
            if (!notForCategory.isEmpty()) {
                List<String> known = TemplateField.namesFor(category);
                throw TemplateProblems.placeholders("placeholder-not-for-category", "body",
                        "A " + category + " record cannot fill " + braced(notForCategory) + "; its fields: "
                                + String.join(", ", known),
                        notForCategory, known);
            }
        }
        return parsed;
    }

    private static String quoted(List<String> fragments) {
        return String.join(", ", fragments.stream().map(f -> "'" + f + "'").toList());
    }

    private static String braced(List<String> names) {
        return String.join(", ", names.stream().map(n -> "{{" + n + "}}").toList());
    }
}
