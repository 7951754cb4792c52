package io.smsconversations.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String OUTPUT = """
            Running 20s test @ http://127.0.0.1:40000/ceiling
              2 threads and 32 connections
            RESULT requests=200000 duration_us=20000000 errors_connect=1 errors_read=2 errors_write=3 \
            errors_timeout=4 errors_status=5 p50_us=1500 p90_us=3000 p99_us=9000 max_us=40000
            """;

    @Test
    void readsTheFiguresOfFeedLuasResultLine() {
        WrkResult result = Wrk.parse("ceiling", OUTPUT, Integer.MAX_VALUE);

        assertThat(result.requestsPerSecond()).isEqualTo(10_000);
        assertThat(result.errors()).isEqualTo(15);
        assertThat(result.p50Micros()).isEqualTo(1500);
        assertThat(result.p99Micros()).isEqualTo(9000);
        assertThat(result.ranOutOfRequests()).isFalse();
    }

    @Test
    void saysWhenARunUsedUpItsPreparedRequests() {
        assertThat(Wrk.parse("gateway", OUTPUT, 200_010).ranOutOfRequests()).isTrue();
        assertThat(Wrk.parse("gateway", OUTPUT, 400_000).ranOutOfRequests()).isFalse();
    }

    @Test
    void refusesOutputWithoutAResultLine() {
        assertThatThrownBy(() -> Wrk.parse("broken", "unable to connect to 127.0.0.1:1", 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no RESULT line")
                .hasMessageContaining("unable to connect");
    }

    @Test
    void refusesAPreparedRequestThatWouldBreakTheFeedFile() {
        assertThatThrownBy(() -> new Wrk.Request("sig", "a=1\nb=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Wrk.Request("s\tig", "a=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverAimsAnywhereButTheLoopback() {
        assertThatThrownBy(() -> new Wrk(Path.of("target")).run("away", "http://example.com/", Duration.ofSeconds(1),
                1, i -> new Wrk.Request("v", "b"), "X", "text/plain", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
    }
}
