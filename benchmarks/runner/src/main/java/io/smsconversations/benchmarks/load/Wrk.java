package io.smsconversations.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed-concurrency HTTP load with Debian's {@code wrk} (C, epoll: it costs the measured process far less CPU than a
 * JVM load loop would on two cores). wrk's Lua has no HMAC, so the requests are made and signed beforehand
 * ({@link TwilioWebhooks}) and fed to wrk from one file per wrk thread ({@code feed.lua}); each request is sent once,
 * and a thread that used up its file stops (reported as {@link WrkResult#ranOutOfRequests}). Bounded twice: wrk's
 * {@code -d} and the number of prepared requests. Only ever aimed at 127.0.0.1.
 */
public final class Wrk {

    public static final int THREADS = 2;
    public static final int CONNECTIONS = 32;
    private static final Pattern RESULT = Pattern.compile("^RESULT (.*)$", Pattern.MULTILINE);

    private final Path workDir;

    public Wrk(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * @param requests   makes request {@code i} as its header value and body ({@code i} from 0 to {@code count - 1})
     * @param headerName the header carrying each request's value (e.g. {@code X-Twilio-Signature})
     * @param headers    headers every request carries
     */
    public WrkResult run(String name, String url, Duration duration, int count, IntFunction<Request> requests,
            String headerName, String contentType, Map<String, String> headers) {
        return run(name, url, duration, count, requests, headerName, contentType, headers, false);
    }

    /** As {@link #run}; with {@code cycle} the prepared requests are sent again and again until the time is up. */
    public WrkResult run(String name, String url, Duration duration, int count, IntFunction<Request> requests,
            String headerName, String contentType, Map<String, String> headers, boolean cycle) {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load only ever targets 127.0.0.1, not " + url);
        }
        try {
            Path feed = Files.createDirectories(workDir.resolve(name));
            List<StringBuilder> files = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                files.add(new StringBuilder());
            }
            for (int i = 0; i < count; i++) {
                Request request = requests.apply(i);
                files.get(i % THREADS).append(request.headerValue()).append('\t').append(request.body()).append('\n');
            }
            for (int t = 0; t < THREADS; t++) {
                Files.writeString(feed.resolve("requests." + t), files.get(t), StandardCharsets.UTF_8);
            }
            Path script = workDir.resolve("feed.lua");
            try (var lua = Wrk.class.getResourceAsStream("/feed.lua")) {
                Files.copy(lua, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS,
                    "-d" + duration.toSeconds() + "s", "--timeout", "5s", "--latency", "-s", script.toString()));
            headers.forEach((header, value) -> command.addAll(List.of("-H", header + ": " + value)));
            command.addAll(List.of(url, "--", feed.resolve("requests").toString(), headerName, contentType,
                    cycle ? "cycle" : "once"));
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk failed for " + name + ": " + output);
            }
            Files.writeString(feed.resolve("wrk-output.txt"), output);
            return parse(name, output, cycle ? Integer.MAX_VALUE : count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static WrkResult parse(String name, String output, int prepared) {
        Matcher line = RESULT.matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("wrk printed no RESULT line for " + name + ": " + output);
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.group(1).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], kv[1]);
        }
        long requests = Long.parseLong(fields.get("requests"));
        return new WrkResult(name, requests, Long.parseLong(fields.get("duration_us")) / 1e6,
                Long.parseLong(fields.get("errors_connect")), Long.parseLong(fields.get("errors_read")),
                Long.parseLong(fields.get("errors_write")), Long.parseLong(fields.get("errors_timeout")),
                Long.parseLong(fields.get("errors_status")), Long.parseLong(fields.get("p50_us")),
                Long.parseLong(fields.get("p90_us")), Long.parseLong(fields.get("p99_us")),
                Long.parseLong(fields.get("max_us")), requests >= (long) prepared - CONNECTIONS);
    }

    /** One prepared request: the value of the run's header, and the body. Neither may hold a tab or a newline. */
    public record Request(String headerValue, String body) {
        public Request {
            if (headerValue.contains("\t") || headerValue.contains("\n") || body.contains("\t")
                    || body.contains("\n")) {
                throw new IllegalArgumentException("a prepared request holds a tab or a newline");
            }
        }
    }
}
