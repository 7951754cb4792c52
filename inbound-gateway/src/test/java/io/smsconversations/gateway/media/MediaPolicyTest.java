package io.smsconversations.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MediaPolicyTest {

    private final MediaPolicy twilio = new MediaPolicy(List.of("api.twilio.com"),
            List.of("*.twiliocdn.com", "s3-external-1.amazonaws.com"), 10, false);

    @Test
    void fetchesFromTheMediaHostsAndTheirRedirectHostsOnly() {
        assertThat(twilio.mayFetch(URI.create("https://api.twilio.com/2010-04-01/x"))).isTrue();
        assertThat(twilio.mayFetch(URI.create("https://API.Twilio.com/x"))).isTrue();
        assertThat(twilio.mayFetch(URI.create("https://mms.twiliocdn.com/x"))).isTrue();
        assertThat(twilio.mayFetch(URI.create("https://s3-external-1.amazonaws.com/media.twiliocdn.com/x"))).isTrue();
        assertThat(twilio.mayFetch(URI.create("https://twiliocdn.com/x"))).as("the bare domain").isFalse();
        assertThat(twilio.mayFetch(URI.create("http://api.twilio.com/x"))).as("plain http").isFalse();
        assertThat(twilio.mayFetch(URI.create("https://169.254.169.254/latest"))).isFalse();
        assertThat(twilio.mayFetch(URI.create("https://localhost:8083/api"))).isFalse();
        assertThat(twilio.mayFetch(URI.create("https://x@api.twilio.com/x"))).as("user info").isFalse();
        assertThat(twilio.mayFetch(URI.create("/relative"))).isFalse();
    }

    @Test
    void sendsCredentialsToTheMediaHostsAlone() {
        assertThat(twilio.mayAuthenticate(URI.create("https://api.twilio.com/x"))).isTrue();
        assertThat(twilio.mayAuthenticate(URI.create("https://mms.twiliocdn.com/x"))).isFalse();
    }

    @Test
    void aProviderWithoutHostsCarriesNoMedia() {
        MediaPolicy none = new MediaPolicy(List.of(), List.of(), 0, false);

        assertThat(none.refusal("image.url", "https://api.twilio.com/x")).isPresent();
        assertThat(none.mayFetch(URI.create("https://api.twilio.com/x"))).isFalse();
    }

    @Test
    void allowsTheConfiguredContentTypes() {
        List<String> allowed = List.of("image/*", "application/pdf");

        assertThat(MediaTypes.allowed("image/png", allowed)).isTrue();
        assertThat(MediaTypes.allowed("application/pdf", allowed)).isTrue();
        assertThat(MediaTypes.allowed("text/html", allowed)).isFalse();
        assertThat(MediaTypes.allowed("imagex/png", allowed)).isFalse();
        assertThat(MediaTypes.essence("Image/PNG; q=1")).contains("image/png");
        assertThat(MediaTypes.essence("<script>")).isEmpty();
    }
}
