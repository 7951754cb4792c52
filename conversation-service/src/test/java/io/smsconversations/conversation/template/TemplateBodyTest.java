package io.smsconversations.conversation.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smsconversations.conversation.encoding.SmsEncoding;
import io.smsconversations.events.RecordType;

@Tag("fast")
class TemplateBodyTest {

    @Test
    void splitsTextAndPlaceholdersWithAndWithoutDefaults() {
        TemplateBody body = TemplateBody.parse("Hi {{ ContactFirstName }}, {{UserFirstName|your seller}} here{{X|}}");

        assertThat(body.malformed()).isEmpty();
        assertThat(body.parts()).containsExactly(
                new TemplateBody.Part("Hi ", null),
                new TemplateBody.Part(null, new TemplateBody.Placeholder("ContactFirstName", null)),
                new TemplateBody.Part(", ", null),
                new TemplateBody.Part(null, new TemplateBody.Placeholder("UserFirstName", "your seller")),
                new TemplateBody.Part(" here", null),
                new TemplateBody.Part(null, new TemplateBody.Placeholder("X", "")));
        assertThat(body.placeholderNames()).containsExactly("ContactFirstName", "UserFirstName", "X");
    }

    @Test
    void reportsEveryMalformedFragment() {
        assertThat(TemplateBody.parse("Hi {{Record Name}} and {{}} and {{A{{B}}").malformed())
                .containsExactly("{{Record Name}}", "{{}}", "{{A{{B}}");
        assertThat(TemplateBody.parse("Hi {{RecordName").malformed()).containsExactly("{{RecordName");
        assertThat(TemplateBody.parse("Hi RecordName}} there").malformed()).containsExactly("Hi RecordName}}");
        assertThat(TemplateBody.parse("{{1st}}").malformed()).containsExactly("{{1st}}");
    }

    @Test
    void singleBracesAreText() {
        TemplateBody body = TemplateBody.parse("Price {5} [ok] {RecordName}");
        assertThat(body.malformed()).isEmpty();
        assertThat(body.placeholderNames()).isEmpty();
    }

    @Test
    void fillsFieldsThenDefaultsAndReportsBlanks() {
        TemplateBody body = TemplateBody.parse(
                "Hi {{ContactFirstName}} {{ContactLastName|}}, {{AccountName|your company}}{{BusinessNumberName}}. "
                        + "{{UserFullName}} ({{UserLastName}})");
        FillSource source = new FillSource(RecordType.CONTACT, "  Cher  ", null, "Alice van Dijk", null);

        RenderedTemplate rendered = TemplateRenderer.fill(null, body, source, Map.of());

        assertThat(rendered.text()).isEqualTo("Hi Cher , your company. Alice van Dijk (van Dijk)");
        assertThat(rendered.defaulted()).containsExactly("ContactLastName", "AccountName");
        assertThat(rendered.empty()).containsExactly("BusinessNumberName");
        assertThat(rendered.segments().encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(rendered.segments().characters()).isEqualTo(rendered.text().length());
        assertThat(rendered.withinMaxLength()).isTrue();
    }

    @Test
    void aFillingPastTheLongestMessageIsCutThereNeverInsideACharacterAndItsLengthCounted() {
        // 1599 letters, then emoji (two UTF-16 units each, one character): the cut keeps the 1600th whole.
        TemplateBody body = TemplateBody.parse("{{RecordName}}" + "{{UserFullName}}".repeat(50));
        FillSource source = new FillSource(RecordType.CONTACT, "a".repeat(1599), null, "\uD83D\uDE00".repeat(10),
                null);

        RenderedTemplate rendered = TemplateRenderer.fill(null, body, source, Map.of());

        assertThat(rendered.text()).isEqualTo("a".repeat(1599) + "\uD83D\uDE00");
        assertThat(rendered.length()).isEqualTo(1599 + 50 * 10);
        assertThat(rendered.withinMaxLength()).isFalse();
        RenderedTemplate exactly = TemplateRenderer.fill(null, TemplateBody.parse("{{RecordName}}!"), source,
                Map.of());
        assertThat(exactly.text()).hasSize(1600);
        assertThat(exactly.withinMaxLength()).isTrue();
    }

    @Test
    void typedValuesWinAndPersonFieldsStayEmptyForOtherRecordTypes() {
        TemplateBody body = TemplateBody.parse("{{ContactFirstName|there}} {{RecordName}} {{OpportunityName}}");
        FillSource account = new FillSource(RecordType.ACCOUNT, "Contoso", "Contoso", null, null);

        RenderedTemplate rendered = TemplateRenderer.fill(null, body, account, Map.of("OpportunityName", "Deal"));

        assertThat(rendered.text()).isEqualTo("there Contoso Deal");
        assertThat(rendered.defaulted()).containsExactly("ContactFirstName");
        assertThat(rendered.empty()).isEmpty();
    }

    @Test
    void languageTagsAreCheckedAndCanonical() {
        assertThat(LanguageTag.canonical("EN-us")).contains("en-US");
        assertThat(LanguageTag.canonical("zh-hant-tw")).contains("zh-Hant-TW");
        assertThat(LanguageTag.canonical("fil")).contains("fil");
        for (String bad : List.of("english", "en_US", "xx", "x-private", "und", "", "en--US", "123")) {
            assertThat(LanguageTag.canonical(bad)).as(bad).isEmpty();
        }
    }
}
