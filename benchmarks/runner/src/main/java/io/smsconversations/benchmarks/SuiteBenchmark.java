package io.smsconversations.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smsconversations.benchmarks.endtoend.Customers;
import io.smsconversations.benchmarks.endtoend.DirectorySeed;
import io.smsconversations.benchmarks.endtoend.NotificationStreams;
import io.smsconversations.benchmarks.endtoend.RateResult;
import io.smsconversations.benchmarks.endtoend.RateRun;
import io.smsconversations.benchmarks.kafka.KafkaCeiling;
import io.smsconversations.benchmarks.load.AcsBatches;
import io.smsconversations.benchmarks.load.Jfr;
import io.smsconversations.benchmarks.load.TwilioWebhooks;
import io.smsconversations.benchmarks.load.Wrk;
import io.smsconversations.benchmarks.load.WrkResult;
import io.smsconversations.benchmarks.machine.MachineLoad;
import io.smsconversations.benchmarks.report.LatencyPlot;
import io.smsconversations.benchmarks.report.Results;
import io.smsconversations.benchmarks.scale.ScaleRuns;
import io.smsconversations.benchmarks.suite.BenchSuite;

/**
 * Issue 12 in one run, side by side on one machine so that ratios mean something on a noisy two-core box: ceiling B
 * (Kafka's producer tool), the suite end to end at fixed rates, the cost of scale, then ceiling A and the gateway
 * under the same wrk load, back to back. Writes {@code docs/benchmarks/latest.md} and the plot beside it.
 * <p>
 * {@code -Dbench.quick=true} shortens every run (a smoke test of the benchmark itself, not figures to publish).
 */
public final class SuiteBenchmark {

    private static final int SELLERS = 8;
    private static final int CUSTOMERS = 400;
    private static final double TARGET_P99_MILLIS = 250;
    /** The Quarkus of the services and of the ceiling app: the project's BOM. */
    private static final String QUARKUS_VERSION = "3.33.2";

    private SuiteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick");
        int concurrency = Integer.getInteger("bench.consumer-concurrency", 1);
        // bench.only=gateway: ceiling A and the gateway only (an experiment on the gateway's settings, a few minutes)
        boolean gatewayOnly = "gateway".equals(System.getProperty("bench.only"));
        Map<String, String> gatewayExtra = settings(System.getProperty("bench.gateway-config", ""));
        String variant = (concurrency > 1 ? "-concurrency-" + concurrency : "") + (gatewayOnly ? "-gateway" : "")
                + gatewayExtra.entrySet().stream().map(e -> "-" + (e.getKey().replaceAll(".*\\.([^.]+\\.[^.]+)$", "$1")
                        + e.getValue()).replaceAll("\\W", "")).collect(java.util.stream.Collectors.joining());
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(root.resolve("benchmarks/runner/target/bench-work"));
        // A quick run's figures are not for publishing: they stay in target/.
        Path out = quick ? work.resolve("quick") : root.resolve("docs/benchmarks");
        Results results = new Results(out.resolve("latest" + variant + ".md"));
        int loadSeconds = quick ? 5 : 20;
        int rateSeconds = quick ? 5 : 30;
        Instant began = Instant.now();

        try (MachineLoad load = new MachineLoad(); BenchSuite suite = BenchSuite.start(root, concurrency, gatewayExtra)) {
            results.line("Run of %s%s. Machine: %d cores (nproc), %s memory, %s %s; load average at start %.2f.",
                    began, quick ? " (QUICK: shortened runs, not for publishing)" : "", MachineLoad.cores(),
                    MachineLoad.memory(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    MachineLoad.loadAverage());
            results.line("Suite started in %d s (broker, PostgreSQL, four services, ceiling app). Consumers: %s.",
                    Duration.between(began, Instant.now()).toSeconds(), concurrency > 1
                            ? concurrency + " per service on the pipeline's topics (bench.consumer-concurrency)"
                            : "as the services configure them");
            if (!gatewayExtra.isEmpty()) {
                results.line("Gateway settings added for this run: %s.", gatewayExtra);
            }
            if (gatewayOnly) {
                gatewayAgainstCeilingA(suite, work, out, results, loadSeconds, quick);
                // System.exit skips the try's close: without this the gateway and the ceiling app outlived the run.
                suite.close();
                System.exit(0);
            }

            Customers customers = DirectorySeed.seed(suite, SELLERS, CUSTOMERS);
            try (NotificationStreams streams = new NotificationStreams()) {
                RateRun rates = new RateRun(suite, load);
                int open = streams.open(suite.url("notification") + "/api/notifications/stream",
                        DirectorySeed.sellers(SELLERS), rates, Duration.ofSeconds(30));
                if (open != SELLERS) {
                    throw new IllegalStateException("only " + open + " of " + SELLERS + " streams opened");
                }
                // After a cold start the first message waits for the consumer groups to join: one, until it arrives.
                RateResult first = rates.run("first message", customers, 1, 1, seq -> 0, Duration.ofSeconds(120));
                results.line("First message after the start: %s, %.0f ms.", first.missing() == 0 ? "arrived" : "LOST",
                        first.max());
                // Every conversation is created once before the measured runs, so they measure replies to existing
                // conversations; this also warms the JITs and lets the consumer groups settle.
                RateResult warmUp = rates.run("warm-up (first message of each customer)", customers, 40,
                        CUSTOMERS / 40, seq -> seq % CUSTOMERS, Duration.ofSeconds(60));
                results.line("Warm-up: %d first messages at 40 msg/s, %d arrived, p99 %.0f ms, max %.0f ms.",
                        warmUp.sent(), warmUp.arrived(), warmUp.p99(), warmUp.max());
                // Four JVMs share two cores with the broker and the database: their JIT compilers were still at
                // work in the first runs (C2 threads the busiest of routing's and conversation's JFR), and that
                // was measured as the suite's cost. Replies at a rate the suite keeps up with, until it settles.
                RateResult steady = rates.run("JIT warm-up (replies)", customers, 30, quick ? 10 : 90,
                        seq -> seq % CUSTOMERS, Duration.ofSeconds(60));
                results.line("JIT warm-up: %d replies at 30 msg/s, %d arrived, p50 %.0f ms, p99 %.0f ms; CPU ms per "
                        + "message: %s.", steady.sent(), steady.arrived(), steady.p50(), steady.p99(),
                        steady.cpuPerMessage());

                // Ceiling B while the services idle.
                KafkaCeiling.Throughput producer = KafkaCeiling.producerPerformance(suite.kafkaBootstrapServers(),
                        quick ? 50_000 : 300_000, work.resolve("producer-performance.log"));
                KafkaCeiling.SyncSend sync = KafkaCeiling.syncSend(suite.kafkaBootstrapServers(), 200,
                        quick ? 300 : 2000);
                results.line("")
                        .line("### Ceiling B: the broker (kafka-tools ProducerPerformance, acks=all, 1 KB records)")
                        .line("")
                        .line("| figure | value |").line("|---|---|")
                        .line("| records/s | %,.0f (%.1f MB/s, %,d records) |", producer.recordsPerSecond(),
                                producer.megabytesPerSecond(), producer.records())
                        .line("| tool's own latency p50 / p99 (batched, under full load) | %d ms / %d ms |",
                                producer.p50Millis(), producer.p99Millis())
                        .line("| one synchronous send (acks=all, linger 0), p50 / p99 / max over %,d | "
                                + "%.2f ms / %.2f ms / %.2f ms |", sync.sends(), sync.p50Micros() / 1000,
                                sync.p99Micros() / 1000, sync.maxMicros() / 1000);

                // -Dbench.jfr=routing,conversation: those services' JFR recordings over the fixed-rate runs (in
                // the work folder), to see where the pipeline waits.
                List<String> profiled = java.util.Arrays.stream(System.getProperty("bench.jfr", "").split(","))
                        .map(String::strip).filter(name -> !name.isEmpty()).toList();
                profiled.forEach(name -> Jfr.start(suite.pid(name), work.resolve(name + "-end-to-end.jfr")));
                List<RateResult> runs = endToEnd(rates, customers, rateSeconds, quick);
                profiled.forEach(name -> Jfr.stop(suite.pid(name), work.resolve(name + "-end-to-end.jfr")));
                results.line("")
                        .line("### End to end: signed Twilio webhook -> notification on the owner's SSE stream")
                        .line("")
                        .line("%d sellers, one stream each; %d customers (conversations created during the warm-up); "
                                + "open-loop sender, each message timed from its scheduled send. Target: p99 < %.0f ms "
                                + "at 200 msg/s, none missing.", SELLERS, CUSTOMERS, TARGET_P99_MILLIS)
                        .line("")
                        .line("| offered msg/s | s | sent | achieved msg/s | HTTP errors | arrived | missing | p50 ms "
                                + "| p95 ms | p99 ms | max ms | messages stored | notifications stored | load avg "
                                + "| backlog at start | sustainable | CPU ms per arrived message |")
                        .line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                for (RateResult run : runs) {
                    results.line("| %d | %d | %,d | %.1f | %d | %,d | %d | %.0f | %.0f | %.0f | %.0f | %,d | %,d "
                            + "| %.1f | %,d | %s | %s |", run.targetRate(), run.seconds(), run.sent(), run.achievedRate(),
                            run.httpErrors(), run.arrived(), run.missing(), run.p50(), run.p95(), run.p99(),
                            run.max(), run.storedMessages(), run.storedNotifications(), run.loadAverage(),
                            run.backlogAtStart(), run.sustainable() ? "yes" : "no", run.cpuPerMessage());
                }
                int best = runs.stream().filter(RateResult::sustainable).mapToInt(RateResult::targetRate).max()
                        .orElse(0);
                results.line("").line("Highest sustainable rate in this run: **%d msg/s** (no loss, no HTTP error, "
                        + "p99 under 1 s, sender on schedule).", best);
                LatencyPlot.write(runs, TARGET_P99_MILLIS, out.resolve("e2e-latency" + variant + ".png"));

                new ScaleRuns(suite, rates, results, out.resolve("plans" + variant), quick).run();
            }

            gatewayAgainstCeilingA(suite, work, out, results, loadSeconds, quick);
            results.line("").line("Load average over the whole run: min %.2f, mean %.2f, max %.2f (2-s samples of the "
                    + "1-minute average). Run took %d s.", load.min(), load.mean(), load.max(),
                    Duration.between(began, Instant.now()).toSeconds());
        }
        System.exit(0);
    }

    /** {@code key=value,key=value} as a map (empty for an empty text). */
    private static Map<String, String> settings(String text) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bench.gateway-config: not key=value: " + pair);
            }
            settings.put(kv[0].strip(), kv[1].strip());
        }
        return settings;
    }

    /** 50, 100, 200 msg/s, then higher until a rate is not sustainable (at most four more steps). */
    private static List<RateResult> endToEnd(RateRun rates, Customers customers, int seconds, boolean quick) {
        List<RateResult> runs = new ArrayList<>();
        for (int rate : quick ? new int[] {50, 100} : new int[] {50, 100, 200}) {
            runs.add(rates.run(rate + " msg/s", customers, rate, seconds, seq -> seq % customers.size()));
            DirectorySeed.sleepSeconds(3);
        }
        if (quick) {
            return runs;
        }
        for (int rate : new int[] {300, 400, 550, 750}) {
            if (!runs.get(runs.size() - 1).sustainable()) {
                break;
            }
            runs.add(rates.run(rate + " msg/s", customers, rate, seconds, seq -> seq % customers.size()));
            DirectorySeed.sleepSeconds(3);
        }
        return runs;
    }

    /**
     * Ceiling A, the gateway (Twilio, then ACS batches of 10), and ceiling A again, back to back under the same wrk
     * load, with the consuming services stopped so that nothing else of the suite competes for the cores.
     */
    private static void gatewayAgainstCeilingA(BenchSuite suite, Path work, Path out, Results results,
            int seconds, boolean quick) {
        suite.stopDownstream();
        Wrk wrk = new Wrk(work);
        TwilioWebhooks twilio = new TwilioWebhooks(suite.url("gateway") + "/webhooks/twilio/messages",
                BenchSuite.TWILIO_AUTH_TOKEN);
        String run = Long.toString(System.currentTimeMillis(), 36);
        java.util.function.IntFunction<Wrk.Request> signed = i -> {
            TwilioWebhooks.Signed s = twilio.inbound("SM" + run + "w" + i, "+1425557" + String.format("%04d",
                    i % 10_000), DirectorySeed.BUSINESS_NUMBER, "Benchmark webhook " + i);
            return new Wrk.Request(s.signature(), s.form());
        };
        String form = "application/x-www-form-urlencoded";
        String ceiling = suite.url("ceiling") + "/ceiling";
        String gateway = suite.url("gateway") + "/webhooks/twilio/messages";
        Duration warm = Duration.ofSeconds(5);
        Duration measured = Duration.ofSeconds(seconds);
        wrk.run("warm-ceiling", ceiling, warm, 20_000, signed, "X-Twilio-Signature", form, Map.of(), true);
        WrkResult ceilingBefore = wrk.run("ceiling-a-before", ceiling, measured, 20_000, signed,
                "X-Twilio-Signature", form, Map.of(), true);
        wrk.run("warm-gateway", gateway, warm, 20_000, i -> signed.apply(1_000_000 + i), "X-Twilio-Signature", form,
                Map.of());
        // The gateway's own profile during its run (JFR, started and dumped with jcmd): where its CPU goes.
        Path recording = work.resolve("gateway-twilio.jfr");
        Jfr.start(suite.pid("gateway"), recording);
        WrkResult twilioRun = wrk.run("gateway-twilio", gateway, measured, quick ? 30_000 : 200_000,
                i -> signed.apply(2_000_000 + i), "X-Twilio-Signature", form, Map.of());
        Jfr.stop(suite.pid("gateway"), recording);
        String acs = suite.url("gateway") + "/webhooks/acs/events";
        WrkResult acsRun = wrk.run("gateway-acs-batches", acs, measured, quick ? 5_000 : 60_000,
                i -> new Wrk.Request(BenchSuite.ACS_SECRET, AcsBatches.batch(run + "-" + i, 10,
                        "+1425558" + String.format("%04d", i % 10_000), DirectorySeed.BUSINESS_NUMBER)),
                "x-sms-webhook-secret", "application/json", Map.of("aeg-subscription-name",
                        BenchSuite.ACS_SUBSCRIPTION.toUpperCase(java.util.Locale.ROOT)));
        WrkResult ceilingAfter = wrk.run("ceiling-a-after", ceiling, measured, 20_000, signed,
                "X-Twilio-Signature", form, Map.of(), true);
        double ceilingRate = (ceilingBefore.requestsPerSecond() + ceilingAfter.requestsPerSecond()) / 2;
        results.line("")
                .line("### Gateway against ceiling A (wrk, %d threads, %d connections, %d s each, back to back)",
                        Wrk.THREADS, Wrk.CONNECTIONS, seconds)
                .line("")
                .line("Ceiling A is a plain Quarkus %s app answering the same form POST with 200. Routing, "
                        + "conversation and notification were stopped for these runs; the broker ran. Target: the "
                        + "gateway >= 50%% of ceiling A (mean of the runs before and after).",
                        QUARKUS_VERSION)
                .line("")
                .line("| run | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors (socket + non-2xx) "
                        + "| ratio to ceiling A |")
                .line("|---|---|---|---|---|---|---|---|---|");
        for (WrkResult r : List.of(ceilingBefore, twilioRun, acsRun, ceilingAfter)) {
            results.line("| %s%s | %,d | %,.0f | %.2f | %.2f | %.2f | %.1f | %d | %.0f%% |", r.name(),
                    r.ranOutOfRequests() ? " (used every prepared request)" : "", r.requests(),
                    r.requestsPerSecond(), r.p50Micros() / 1000.0, r.p90Micros() / 1000.0, r.p99Micros() / 1000.0,
                    r.maxMicros() / 1000.0, r.errors(), 100 * r.requestsPerSecond() / ceilingRate);
        }
        results.line("").line("ACS batches carry 10 events each: %,.0f events/s.", acsRun.requestsPerSecond() * 10);
    }
}
