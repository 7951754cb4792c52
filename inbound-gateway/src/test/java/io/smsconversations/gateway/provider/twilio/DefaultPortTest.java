package io.smsconversations.gateway.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultPortTest {

    @ParameterizedTest
    @CsvSource({
            "https://sms.example.com/webhooks/twilio/status, https://sms.example.com:443/webhooks/twilio/status",
            "https://sms.example.com:443/webhooks/twilio/status, https://sms.example.com/webhooks/twilio/status",
            "http://sms.example.com/a?b=c, http://sms.example.com:80/a?b=c",
            "http://sms.example.com:80/a?b=c, http://sms.example.com/a?b=c",
            "HTTPS://sms.example.com/a, HTTPS://sms.example.com:443/a",
            "https://sms.example.com?x=1, https://sms.example.com:443?x=1",
            "https://sms.example.com, https://sms.example.com:443",
            "https://user:p:ss@sms.example.com/a, https://user:p:ss@sms.example.com:443/a",
            "https://user:pass@sms.example.com:443/a, https://user:pass@sms.example.com/a",
            "https://[2001:db8::1]/a, https://[2001:db8::1]:443/a",
            "https://[2001:db8::1]:443/a, https://[2001:db8::1]/a",
            // A colon later in the URL is not a port.
            "https://sms.example.com/a:b?t=10:30, https://sms.example.com:443/a:b?t=10:30",
    })
    void spellsTheUrlWithAndWithoutTheDefaultPort(String url, String other) {
        assertThat(DefaultPort.otherSpelling(url)).contains(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sms.example.com:8443/a", "https://sms.example.com:80/a", "http://sms.example.com:443/a",
            "https://sms.example.com:/a", "https://[2001:db8::1]:8443/a", "ftp://sms.example.com/a",
            "/webhooks/twilio/status", "https:///a"})
    void hasNoOtherSpellingForAnotherPortOrNoUrl(String url) {
        assertThat(DefaultPort.otherSpelling(url)).isEmpty();
    }
}
