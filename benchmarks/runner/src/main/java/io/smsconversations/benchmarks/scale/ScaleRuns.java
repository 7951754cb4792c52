package io.smsconversations.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;

import io.smsconversations.benchmarks.endtoend.Customers;
import io.smsconversations.benchmarks.endtoend.DirectorySeed;
import io.smsconversations.benchmarks.endtoend.NotificationStreams;
import io.smsconversations.benchmarks.endtoend.RateResult;
import io.smsconversations.benchmarks.endtoend.RateRun;
import io.smsconversations.benchmarks.report.Results;
import io.smsconversations.benchmarks.suite.BenchSuite;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.TestTokens;

/**
 * Item 5 of issue 12, the cost of scale: routing with 1k, 100k and 1M directory records, "my conversations" and a
 * conversation's history at 10k and 1M stored messages, and 5,000 open live streams. Seeded with set-based SQL
 * ({@code generate_series}) straight into the services' own tables, which is what their consumers would have
 * written, so that seeding takes seconds instead of hours through the APIs.
 */
public final class ScaleRuns {

    private static final int SELLERS = 8;
    private static final int READERS = 5;
    private static final int MESSAGES_PER_CONVERSATION = 20;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final BenchSuite suite;
    private final RateRun rates;
    private final Results results;
    private final boolean quick;

    private final Path out;

    public ScaleRuns(BenchSuite suite, RateRun rates, Results results, Path out, boolean quick) {
        this.out = out;
        this.suite = suite;
        this.rates = rates;
        this.results = results;
        this.quick = quick;
    }

    public void run() {
        routing();
        conversations();
        streams(quick ? 500 : 5000);
    }

    /**
     * The same load at each size (one message each from distinct random customers of the directory, so every one is
     * a new conversation at every size), end to end; the routing lookup's plan at each size.
     */
    private void routing() {
        ServiceDatabase db = suite.database("routing");
        int[] sizes = quick ? new int[] {1_000, 10_000} : new int[] {1_000, 100_000, 1_000_000};
        // Light enough not to queue on a shared machine: the figure is the lookup's cost, not the pipeline's limit.
        int rate = 20;
        int seconds = quick ? 5 : 20;
        results.line("").line("### Scale: routing against the directory's size").line("")
                .line("Records seeded by SQL into routing's tables (one mobile number each, owned by the %d sellers "
                        + "with open streams); then %d msg/s for %d s, each from a different random record's number "
                        + "(each a new conversation), end to end. Target: p99 at 1M <= 1.5 x p99 at 1k.", SELLERS,
                        rate, seconds)
                .line("")
                .line("| records | seeded in | sent | missing | p50 ms | p95 ms | p99 ms | max ms | load avg "
                        + "| lookup plan (EXPLAIN ANALYZE) |")
                .line("|---|---|---|---|---|---|---|---|---|---|");
        int seeded = 0;
        Random random = new Random(12);
        List<RateResult> runs = new ArrayList<>();
        for (int size : sizes) {
            long start = System.nanoTime();
            Sql.execute(db, """
                    INSERT INTO directory_record (id, type, name, owner_seller_id, active, modified_on)
                    SELECT 'scale-' || g, 'CONTACT', 'Scale customer ' || g, 'bench-seller-' || (g %% %d), true, now()
                    FROM generate_series(%d, %d) g""".formatted(SELLERS, seeded, size - 1), """
                    INSERT INTO directory_record_phone (record_id, position, kind, number)
                    SELECT 'scale-' || g, 0, 'MOBILE', '+1206' || lpad(g::text, 7, '0')
                    FROM generate_series(%d, %d) g""".formatted(seeded, size - 1),
                    "ANALYZE directory_record", "ANALYZE directory_record_phone");
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            seeded = size;
            int count = rate * seconds;
            // the measured messages, then (first size only) those of the warm-up: all distinct
            int warmUp = runs.isEmpty() ? rate * 5 : 0;
            List<Integer> picked = random.ints(0, size).distinct().limit(count + warmUp).boxed().toList();
            Customers customers = new Customers(DirectorySeed.BUSINESS_NUMBER,
                    picked.stream().map(g -> "+1206" + String.format("%07d", g)).toList(),
                    picked.stream().map(g -> "bench-seller-" + (g % SELLERS)).toList());
            if (runs.isEmpty()) {
                // Not measured: the first run after the fixed-rate ones paid for cold caches (seen: a 5 s tail).
                rates.run("routing warm-up", customers, rate, 5, seq -> count + seq);
            }
            RateResult run = rates.run(size + " records", customers, rate, seconds, seq -> seq);
            runs.add(run);
            List<String> plan = Sql.explain(db, "SELECT r.* FROM directory_record r WHERE r.id IN (SELECT p.record_id "
                    + "FROM directory_record_phone p WHERE p.number = '+1206" + String.format("%07d", size / 2)
                    + "') ORDER BY r.id");
            writePlan("routing-lookup-" + size, plan);
            results.line("| %,d | %.1f s | %,d | %d | %.0f | %.0f | %.0f | %.0f | %.1f | %s |", size, seedSeconds,
                    run.sent(), run.missing(), run.p50(), run.p95(), run.p99(), run.max(), run.loadAverage(),
                    summary(plan));
        }
        RateResult first = runs.get(0);
        RateResult last = runs.get(runs.size() - 1);
        results.line("").line("p99 at the largest size / p99 at 1k: **%.2f** (target <= 1.5).",
                last.p99() / Math.max(1, first.p99()));
    }

    /** "My conversations" (first page, 50) and a conversation's history (first page, 50) at 10k and 1M messages. */
    private void conversations() {
        ServiceDatabase db = suite.database("conversation");
        int[] conversationTotals = quick ? new int[] {500, 5_000} : new int[] {500, 50_000};
        int requests = quick ? 30 : 100;
        results.line("").line("### Scale: \"my conversations\" and history against stored messages").line("")
                .line("Conversations of %d messages each seeded by SQL into conversation-service's tables, spread "
                        + "evenly over %d sellers (the measured seller sees 1 in %d), activity spread over 30 days; "
                        + "%d sequential GETs of each page as that seller (HdrHistogram).", MESSAGES_PER_CONVERSATION,
                        READERS, READERS, requests)
                .line("")
                .line("| messages stored | conversations | seeded in | list p50 ms | list p99 ms | history p50 ms "
                        + "| history p99 ms | list plan | history plan |")
                .line("|---|---|---|---|---|---|---|---|---|");
        int seeded = 0;
        String reader = "scale-reader-0";
        String token = TestTokens.expiringAt(java.time.Instant.now().plus(Duration.ofHours(1)), reader, "seller");
        for (int total : conversationTotals) {
            long start = System.nanoTime();
            seedConversations(db, seeded, total);
            double seedSeconds = (System.nanoTime() - start) / 1e9;
            seeded = total;
            String conversationId = uuidOf(0);
            String list = suite.url("conversation") + "/api/conversations";
            String history = suite.url("conversation") + "/api/conversations/" + conversationId + "/messages";
            Histogram listMicros = time(list, token, requests);
            Histogram historyMicros = time(history, token, requests);
            List<String> listPlan = Sql.explain(db, listQuery(reader));
            List<String> historyPlan = Sql.explain(db, "SELECT * FROM message m WHERE m.conversation_id = '"
                    + conversationId + "' ORDER BY m.occurred_at, m.id LIMIT 51");
            writePlan("conversation-list-" + total, listPlan);
            writePlan("conversation-history-" + total, historyPlan);
            long messages = Sql.count(db, "SELECT count(*) FROM message");
            results.line("| %,d | %,d | %.1f s | %.1f | %.1f | %.1f | %.1f | %s | %s |", messages, total,
                    seedSeconds, listMicros.getValueAtPercentile(50) / 1000.0,
                    listMicros.getValueAtPercentile(99) / 1000.0, historyMicros.getValueAtPercentile(50) / 1000.0,
                    historyMicros.getValueAtPercentile(99) / 1000.0, summary(listPlan), summary(historyPlan));
        }
    }

    private static void seedConversations(ServiceDatabase db, int from, int to) {
        // The readers own the records (conversation-service's directory projection), one record per conversation.
        Sql.execute(db, """
                INSERT INTO directory_record (id, type, name, owner_seller_id, active, modified_on)
                SELECT 'scale-conv-record-' || g, 'CONTACT', 'Scale record ' || g, 'scale-reader-' || (g %% %d), true,
                       now()
                FROM generate_series(%d, %d) g""".formatted(READERS, from, to - 1), """
                INSERT INTO conversation (id, record_id, record_type, record_name, record_owner_seller_id,
                                          customer_number, business_number, created_at, last_activity_at)
                SELECT md5('scale-conv-' || g)::uuid, 'scale-conv-record-' || g, 'CONTACT', 'Scale record ' || g,
                       'scale-reader-' || (g %% %d), '+1303' || lpad(g::text, 7, '0'), '+14255550199',
                       now() - interval '30 days', now() - (g %% 43200) * interval '1 minute'
                FROM generate_series(%d, %d) g""".formatted(READERS, from, to - 1), """
                INSERT INTO message (id, conversation_id, source_event_id, direction, body, from_number, to_number,
                                     provider, provider_message_id, occurred_at, stored_at)
                SELECT gen_random_uuid(), md5('scale-conv-' || g)::uuid, 'scale-' || g || '-' || m,
                       CASE WHEN m %% 2 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END, 'Scale message ' || m,
                       '+1303' || lpad(g::text, 7, '0'), '+14255550199', 'twilio', 'SMscale' || g || 'x' || m,
                       now() - interval '30 days' + m * interval '1 minute',
                       now() - interval '30 days' + m * interval '1 minute'
                FROM generate_series(%d, %d) g, generate_series(1, %d) m"""
                .formatted(from, to - 1, MESSAGES_PER_CONVERSATION),
                "ANALYZE directory_record", "ANALYZE conversation", "ANALYZE message");
    }

    private static String uuidOf(int conversation) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest(("scale-conv-" + conversation).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : md5) {
                hex.append(String.format("%02x", b));
            }
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The statement conversation-service runs for the first page of a seller's list (ConversationQueries.visibleTo
     * with Visibility.CONVERSATION, copied here: the benchmark does not link the service's classes).
     */
    private static String listQuery(String seller) {
        return """
                SELECT c.* FROM conversation c WHERE TRUE AND
                (COALESCE(
                    (SELECT COALESCE(r.owner_seller_id = :sellerId, FALSE)
                            OR EXISTS (SELECT 1 FROM directory_seller_team t
                                       WHERE t.team_id = r.owner_team_id AND t.seller_id = :sellerId)
                     FROM directory_record r WHERE r.id = c.record_id),
                    COALESCE(c.record_owner_seller_id = :sellerId, FALSE)
                    OR EXISTS (SELECT 1 FROM directory_seller_team t
                               WHERE t.seller_id = :sellerId AND t.team_id = c.record_owner_team_id))
                 OR (EXISTS (SELECT 1 FROM directory_business_number_seller bs
                             WHERE bs.number = c.business_number AND bs.seller_id = :sellerId)
                     OR EXISTS (SELECT 1 FROM directory_business_number_team bt
                                JOIN directory_seller_team t ON t.team_id = bt.team_id AND t.seller_id = :sellerId
                                WHERE bt.number = c.business_number)))
                ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51""".replace(":sellerId", "'" + seller + "'");
    }

    private Histogram time(String url, String token, int requests) {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < requests + 20; i++) {
            long start = System.nanoTime();
            int status = BenchSuite.get(url, token).statusCode();
            if (status != 200) {
                throw new IllegalStateException("GET " + url + " answered " + status);
            }
            if (i >= 20) {
                micros.recordValue((System.nanoTime() - start) / 1000);
            }
        }
        return micros;
    }

    /** Memory of notification-service per open stream: heap after a full GC, and resident set, before and after. */
    private void streams(int count) {
        long pid = suite.pid("notification");
        long heapBefore = heapAfterGc(pid);
        long rssBefore = rssKib(pid);
        List<String> sellers = IntStream.range(0, count).mapToObj(i -> "stream-load-" + i).toList();
        long start = System.nanoTime();
        try (NotificationStreams many = new NotificationStreams()) {
            int open = many.open(suite.url("notification") + "/api/notifications/stream", sellers,
                    (seller, data, at) -> { }, Duration.ofSeconds(120));
            double openSeconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = heapAfterGc(pid);
            long rssAfter = rssKib(pid);
            results.line("").line("### Scale: open live streams (notification-service, -Xmx256m)").line("")
                    .line("| streams asked | open (:connected) | failed | time to open all | heap after full GC "
                            + "before / after | RSS before / after | heap per stream | RSS per stream |")
                    .line("|---|---|---|---|---|---|---|---|")
                    .line("| %,d | %,d | %d | %.1f s | %.1f / %.1f MiB | %.0f / %.0f MiB | %.1f KiB | %.1f KiB |",
                            count, open, many.failed(), openSeconds, heapBefore / 1024.0, heapAfter / 1024.0,
                            rssBefore / 1024.0, rssAfter / 1024.0, (heapAfter - heapBefore) / (double) Math.max(1, open),
                            (rssAfter - rssBefore) / (double) Math.max(1, open));
        }
    }

    private static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    private static long rssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void writePlan(String name, List<String> plan) {
        Path file = out.resolve(name + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan's scans in one cell: the index names it used, or the sequential scans it made. */
    private static String summary(List<String> plan) {
        List<String> scans = plan.stream().map(String::strip).map(line -> line.replaceFirst("^->\\s*", ""))
                .filter(line -> line.contains("Scan") && !line.contains("never executed")).map(line -> line.replaceAll("\\s*\\(actual.*", ""))
                .distinct().toList();
        String execution = plan.stream().filter(line -> line.startsWith("Execution Time")).findFirst().orElse("");
        return (Sql.indexOnly(plan) ? "indexes only: " : "**not index-only**: ") + String.join("; ", scans)
                + (execution.isEmpty() ? "" : " (" + execution.toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
