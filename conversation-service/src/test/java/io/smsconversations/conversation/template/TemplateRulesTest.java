package io.smsconversations.conversation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.events.RecordType;

/**
 * What a template must be to be saved (SPEC §5), rule by rule, without starting Quarkus: every refusal is a 400
 * problem with its {@code reason} and {@code field}. {@code TemplateApiTest} checks that the API answers them.
 */
@Tag("fast")
class TemplateRulesTest {

    private static final String BODY = "Hi {{ContactFirstName}}, this is {{UserFirstName}}";

    @Test
    void eachMissingOrTooLongFieldIsRefusedByName() {
        assertRefused(template(null, RecordType.CONTACT, "en", BODY), "name-missing", "name");
        assertRefused(template("   ", RecordType.CONTACT, "en", BODY), "name-missing", "name");
        assertRefused(template("n".repeat(101), RecordType.CONTACT, "en", BODY), "name-too-long", "name");
        assertRefused(template("T", null, "en", BODY), "category-missing", "category");
        assertRefused(template("T", RecordType.CONTACT, null, BODY), "language-missing", "language");
        assertRefused(template("T", RecordType.CONTACT, "en", null), "body-empty", "body");
        assertRefused(template("T", RecordType.CONTACT, "en", " \n "), "body-empty", "body");
        HttpProblem tooLong = assertRefused(template("T", RecordType.CONTACT, "en", "a".repeat(1601)),
                "body-too-long", "body");
        assertThat(tooLong.getDetail()).isEqualTo("The body is 1601 characters long; at most 1600 are allowed");
        assertThat(catchThrowableOfType(HttpProblem.class, () -> TemplateRules.check(null)).getParameters())
                .containsEntry("reason", "body-missing").containsEntry("field", "request");
    }

    @Test
    void aLanguageIsAWellFormedTagOfAKnownLanguageStoredInCanonicalForm() {
        for (String language : List.of("english", "en_US", "xx", "x-private", "und")) {
            assertRefused(template("T", RecordType.CONTACT, language, BODY), "language-invalid", "language");
        }
        assertThat(TemplateRules.check(template(" Welcome ", RecordType.CONTACT, "en-us", BODY)))
                .isEqualTo(template("Welcome", RecordType.CONTACT, "en-US", BODY));
        assertThat(LanguageTag.canonical("FR-ca")).contains("fr-CA");
        assertThat(LanguageTag.canonical("deu")).contains("deu");
        assertThat(LanguageTag.canonical(" ")).isEmpty();
    }

    @Test
    void unknownAndMalformedPlaceholdersAreNamedWithTheKnownOnes() {
        HttpProblem unknown = assertRefused(template("T", RecordType.CONTACT, "en",
                "Hi {{FirstName}} {{RecordName}} {{Nickname|you}}"), "unknown-placeholder", "body");
        assertThat(unknown.getParameters().get("placeholders")).isEqualTo(List.of("FirstName", "Nickname"));
        assertThat(unknown.getDetail()).startsWith("Unknown placeholder {{FirstName}}, {{Nickname}}; known: ");
        assertThat(unknown.getParameters().get("knownPlaceholders")).isEqualTo(TemplateField.names());
        assertThat(TemplateField.names()).contains("RecordName", "ContactFirstName", "UserFirstName",
                "BusinessNumberName");

        HttpProblem malformed = assertRefused(template("T", RecordType.CONTACT, "en",
                "Hi {{Record Name}}, {{RecordName"), "malformed-placeholder", "body");
        assertThat(malformed.getParameters().get("placeholders")).isEqualTo(List.of("{{Record Name}}",
                "{{RecordName"));
        assertThat(malformed.getDetail()).contains("'{{Record Name}}'").contains("{{Name|default value}}");
        assertThat(assertRefused(template("T", RecordType.CONTACT, "en", "Hi RecordName}}"),
                "malformed-placeholder", "body").getParameters().get("placeholders"))
                .isEqualTo(List.of("Hi RecordName}}"));
    }

    @Test
    void aPlaceholderTheCategoryCannotFillIsRefused() {
        HttpProblem notForLeads = assertRefused(template("T", RecordType.LEAD, "en",
                "Hi {{ContactFirstName}} of {{AccountName}}"), "placeholder-not-for-category", "body");
        assertThat(notForLeads.getParameters().get("placeholders")).isEqualTo(List.of("AccountName"));
        assertThat(notForLeads.getDetail()).startsWith("A LEAD record cannot fill {{AccountName}}");
        // Without a category (a body previewed for no record type) every known field is fine.
        assertThat(TemplateRules.checkBody("Hi {{AccountName}}", null).placeholderNames())
                .containsExactly("AccountName");
    }

    @Test
    void theLongestBodyAndEveryKnownFieldAreFine() {
        String longest = "{{RecordName}}" + "a".repeat(1600 - "{{RecordName}}".length());
        assertThat(TemplateRules.check(template("Longest", RecordType.CONTACT, "en", longest)).body())
                .isEqualTo(longest);
        String everyField = String.join(" ", TemplateField.namesFor(RecordType.CONTACT).stream()
                .map(name -> "{{" + name + "}}").toList());
        assertThat(TemplateRules.checkBody(everyField, RecordType.CONTACT).placeholderNames())
                .containsExactlyElementsOf(TemplateField.namesFor(RecordType.CONTACT));
    }

    private static TemplateRequest template(String name, RecordType category, String language, String body) {
        return new TemplateRequest(name, category, language, body, null);
    }

    private static HttpProblem assertRefused(TemplateRequest request, String reason, String field) {
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> TemplateRules.check(request));
        assertThat(problem).as("refused: " + request).isNotNull();
        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Bad Request");
        assertThat(problem.getParameters()).contains(Map.entry("reason", reason), Map.entry("field", field));
        return problem;
    }
}
