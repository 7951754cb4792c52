package io.smsconversations.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class TwilioWebhooksTest {

    private static final String URL = "http://127.0.0.1:8081/webhooks/twilio/messages";

    @Test
    void signsTheUrlFollowedByTheParametersSortedByName() throws Exception {
        TwilioWebhooks.Signed signed = new TwilioWebhooks(URL, "secret")
                .inbound("SM1", "+14255550100", "+14255550199", "Hi there");

        String data = URL + "AccountSidAC0000000000000000000000000000bench" + "BodyHi there" + "From+14255550100"
                + "MessageSidSM1" + "NumMedia0" + "NumSegments1" + "To+14255550199";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(signed.signature())
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void eachMessageSidIsANewSignatureAndTheFormFitsOnOneLine() {
        TwilioWebhooks webhooks = new TwilioWebhooks(URL, "secret");
        TwilioWebhooks.Signed one = webhooks.inbound("SM1", "+14255550100", "+14255550199", "Hi there");
        TwilioWebhooks.Signed other = webhooks.inbound("SM2", "+14255550100", "+14255550199", "Hi there");

        assertThat(one.signature()).isNotEqualTo(other.signature());
        assertThat(one.form()).startsWith("AccountSid=").contains("Body=Hi+there").contains("From=%2B14255550100")
                .doesNotContain("\n").doesNotContain("\t");
    }
}
