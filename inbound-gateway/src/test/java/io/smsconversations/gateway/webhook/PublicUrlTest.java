package io.smsconversations.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicUrlTest {

    @Test
    void joinsTheConfiguredBaseWithPathAndQueryAsReceived() {
        assertThat(PublicUrl.of("https://sms.example.com", "/webhooks/twilio/messages?tenant=a%20b&x=1"))
                .isEqualTo("https://sms.example.com/webhooks/twilio/messages?tenant=a%20b&x=1");
    }

    @Test
    void keepsAPathPrefixAndDropsATrailingSlash() {
        assertThat(PublicUrl.of("https://example.com/gateway/", "/webhooks/twilio/messages"))
                .isEqualTo("https://example.com/gateway/webhooks/twilio/messages");
    }

    @Test
    void takesPathAndQueryOfAnAbsoluteFormTarget() {
        assertThat(PublicUrl.of("https://sms.example.com", "http://10.0.0.7:8081/webhooks/twilio/messages?a=1"))
                .isEqualTo("https://sms.example.com/webhooks/twilio/messages?a=1");
    }
}
