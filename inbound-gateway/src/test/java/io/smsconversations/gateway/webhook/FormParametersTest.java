package io.smsconversations.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class FormParametersTest {

    @Test
    void decodesPercentEncodingAndPlusAsSpace() {
        FormParameters form = FormParameters.parse("From=%2B14255550100&Body=Hi+there%21+%C3%A8");

        assertThat(form.first("From")).contains("+14255550100");
        assertThat(form.first("Body")).contains("Hi there! \u00e8");
    }

    @Test
    void keepsEveryValueOfARepeatedName() {
        FormParameters form = FormParameters.parse("Tag=b&Other=x&Tag=a");

        assertThat(form.first("Tag")).contains("b");
        assertThat(form.all("Tag")).containsExactly("b", "a");
        assertThat(form.byName()).containsOnlyKeys("Other", "Tag");
        assertThat(form.byName().firstKey()).isEqualTo("Other");
        assertThat(form.byName().get("Tag")).containsExactly("b", "a");
    }

    @Test
    void readsEmptyAndValuelessParameters() {
        FormParameters form = FormParameters.parse("Body=&Flag&&To=1");

        assertThat(form.first("Body")).contains("");
        assertThat(form.first("Flag")).contains("");
        assertThat(form.first("To")).contains("1");
        assertThat(form.first("Missing")).isEmpty();
        assertThat(form.all("Missing")).isEqualTo(List.of());
    }

    @Test
    void anEmptyBodyHasNoParameters() {
        assertThat(FormParameters.parse("").isEmpty()).isTrue();
        assertThat(FormParameters.parse(null).isEmpty()).isTrue();
    }

    @Test
    void refusesBrokenPercentEncoding() {
        assertThatThrownBy(() -> FormParameters.parse("Body=100%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormParameters.parse("Body=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsNamesButNeverValues() {
        assertThat(FormParameters.parse("From=%2B14255550100&Body=secret").toString())
                .contains("From", "Body").doesNotContain("14255550100", "secret");
    }
}
