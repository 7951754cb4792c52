package io.smsconversations.benchmarks.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.smsconversations.benchmarks.load.TwilioWebhooks;
import io.smsconversations.benchmarks.machine.MachineLoad;
import io.smsconversations.benchmarks.machine.ProcessCpu;
import io.smsconversations.benchmarks.suite.BenchSuite;
import io.smsconversations.testing.ServiceDatabase;

/**
 * Customer replies posted to the gateway at a fixed rate (open loop: each on its schedule, whether or not earlier
 * ones were answered, so a slow suite shows as latency instead of a slower sender), each timed from its scheduled
 * send to its notification on the owner's live stream. The body carries {@code #<run>-<seq>}, which the
 * notification's text quotes. Bounded by count (rate x seconds) and by time (the grace period after the last send).
 */
public final class RateRun implements NotificationStreams.Listener {

    private static final Pattern TAG = Pattern.compile("#(\\d+)-(\\d+)\\b");
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final BenchSuite suite;
    private final MachineLoad load;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TwilioWebhooks webhooks;
    private final PipelineBacklog backlog;
    private final ProcessCpu cpu;
    private final AtomicLong runs = new AtomicLong(100);
    private volatile Current current;

    public RateRun(BenchSuite suite, MachineLoad load) {
        this.suite = suite;
        this.load = load;
        this.webhooks = new TwilioWebhooks(suite.url("gateway") + "/webhooks/twilio/messages",
                BenchSuite.TWILIO_AUTH_TOKEN);
        this.backlog = new PipelineBacklog(suite.kafkaBootstrapServers());
        this.cpu = new ProcessCpu();
        for (String service : new String[] {"gateway", "routing", "conversation", "notification"}) {
            cpu.process(service, suite.pid(service));
        }
        cpu.processesNamed("postgres", "postgres");
    }

    /** The state of the run under way; arrivals of other runs (late ones) are ignored. */
    private record Current(long id, Customers customers, AtomicLongArray scheduled, int[] customerOf,
            AtomicLongArray arrived, Histogram millis,
            AtomicLong count) {
    }

    /**
     * @param customerOf picks the customer of message {@code seq}
     */
    public RateResult run(String name, Customers customers, int rate, int seconds, IntUnaryOperator customerOf) {
        return run(name, customers, rate, seconds, customerOf, GRACE);
    }

    /** As {@link #run}, waiting up to {@code grace} after the last send for the notifications still on their way. */
    public RateResult run(String name, Customers customers, int rate, int seconds, IntUnaryOperator customerOf,
            Duration grace) {
        int count = rate * seconds;
        long id = runs.incrementAndGet();
        int[] customerFor = new int[count];
        HttpRequest[] requests = new HttpRequest[count];
        for (int seq = 0; seq < count; seq++) {
            customerFor[seq] = customerOf.applyAsInt(seq);
            TwilioWebhooks.Signed signed = webhooks.inbound("SM" + id + "x" + seq + "bench" + System.nanoTime(),
                    customers.numbers().get(customerFor[seq]), customers.businessNumber(),
                    "Benchmark reply #" + id + "-" + seq);
            requests[seq] = HttpRequest.newBuilder(URI.create(webhooks.url()))
                    .header("X-Twilio-Signature", signed.signature())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(signed.form())).build();
        }
        Current run = new Current(id, customers, new AtomicLongArray(count), customerFor, new AtomicLongArray(count),
                new ConcurrentHistogram(120_000L, 3), new AtomicLong());
        current = run;
        AtomicLong errors = new AtomicLong();
        // An earlier run's queue would be measured as this run's latency.
        long backlogAtStart = backlog.awaitDrained(DRAIN) + awaitOutboxDrained(DRAIN);
        long period = 1_000_000_000L / rate;
        load.mark();
        var cpuBefore = cpu.sample();
        long start = System.nanoTime() + 50_000_000L;
        for (int seq = 0; seq < count; seq++) {
            long due = start + seq * period;
            run.scheduled().set(seq, due);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            http.sendAsync(requests[seq], HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                if (error != null || answer.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            });
        }
        double achieved = count / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + grace.toNanos();
        while (run.count().get() < count && System.nanoTime() < deadline) {
            DirectorySeed.sleep(100);
        }
        current = null;
        var cpuAfter = cpu.sample();
        double loadAverage = load.meanSinceMark();
        Histogram h = run.millis();
        long arrived = run.count().get();
        return new RateResult(name, rate, seconds, count, achieved, errors.get(), arrived, count - arrived,
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue(),
                count("conversation", "SELECT count(*) FROM message WHERE body LIKE ?", "Benchmark reply #" + id + "-%"),
                count("notification", "SELECT count(*) FROM notification WHERE text LIKE ?", "%#" + id + "-%"),
                loadAverage, backlogAtStart, ProcessCpu.millisPer(cpuBefore, cpuAfter, arrived));
    }

    @Override
    public void data(String sellerId, String data, long arrivedNanos) {
        Current run = current;
        if (run == null) {
            return;
        }
        Matcher tag = TAG.matcher(data);
        if (!tag.find() || Long.parseLong(tag.group(1)) != run.id()) {
            return;
        }
        int seq = Integer.parseInt(tag.group(2));
        if (seq >= run.scheduled().length() || !run.customers().ownerOf(run.customerOf()[seq]).equals(sellerId)) {
            return;
        }
        if (run.arrived().compareAndSet(seq, 0, arrivedNanos)) {
            long millis = (arrivedNanos - run.scheduled().get(seq)) / 1_000_000;
            run.millis().recordValue(Math.min(Math.max(0, millis), 120_000L));
            run.count().incrementAndGet();
        }
    }

    /**
     * conversation-service publishes its events through an outbox after each commit: events still waiting there are
     * a backlog the consumer groups do not show. Waits (bounded) until none is pending; answers how many still are.
     */
    private long awaitOutboxDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pending = count("conversation", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        while (pending > 0 && System.nanoTime() < deadline) {
            DirectorySeed.sleep(500);
            pending = count("conversation", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
        }
        return pending;
    }

    private long count(String database, String sql, String... parameters) {
        ServiceDatabase db = suite.database(database);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count in " + database, e);
        }
    }
}
