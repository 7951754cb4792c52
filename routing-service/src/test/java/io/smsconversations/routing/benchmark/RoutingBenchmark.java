package io.smsconversations.routing.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.postgresql.PGConnection;

import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordType;
import io.smsconversations.routing.decision.Candidate;
import io.smsconversations.routing.decision.NumberAssignment;
import io.smsconversations.routing.decision.RoutingInput;
import io.smsconversations.routing.decision.RoutingRules;
import io.smsconversations.routing.decision.SellerDirectory;
import io.smsconversations.routing.decision.SellerInfo;
import io.smsconversations.routing.directory.DirectoryStore;
import io.smsconversations.testing.PostgresServer;
import io.smsconversations.testing.ServiceDatabase;

/**
 * A benchmark, not a test (see benchmarks.md for how to run it and the numbers): routing decisions per second and
 * their latency percentiles, first in memory ({@link RoutingRules} alone, for candidate sets of several sizes), then
 * the indexed lookup of the candidates by phone number in a real PostgreSQL holding N records (the query routing
 * runs on every inbound message), with the rules applied to what it returns.
 * <p>
 * Arguments: the directory sizes to load, e.g. {@code 1000 100000} (default) or {@code 1000 100000 1000000}.
 */
public final class RoutingBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final RecordType[] TYPES = RecordType.values();
    private static final String[] SELLERS = { "sam", "nina", "olga", "ivan", "ada" };
    private static final SellerDirectory DIRECTORY = SellerDirectory.of(List.of(
            new SellerInfo("sam", Set.of("north"), true), new SellerInfo("nina", Set.of("north"), true),
            new SellerInfo("olga", Set.of("south"), true), new SellerInfo("ivan", Set.of("south"), false),
            new SellerInfo("ada", Set.of(), true)));
    private static final NumberAssignment NUMBER = NumberAssignment.of("+14255550199", List.of("sam"),
            List.of("north"));

    private RoutingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(1_000, 100_000)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        System.out.printf("JVM %s, %d processor(s) available%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        // The first pass warms the JIT up for every size; the second is the one to read.
        inMemory(false);
        inMemory(true);
        try (PostgresServer postgres = PostgresServer.start(0, null)) {
            System.out.println("PostgreSQL " + postgres.serverVersion());
            for (int size : sizes) {
                withDatabase(postgres, size);
            }
        }
    }

    // --- RoutingRules alone

    private static void inMemory(boolean report) {
        if (report) {
            System.out.println();
            System.out.println("## RoutingRules.choose in memory (one thread)");
            System.out.println("| candidates | decisions/s | p50 µs | p99 µs | p99.9 µs |");
            System.out.println("|---|---|---|---|---|");
        }
        Random random = new Random(42);
        for (int size : new int[] { 2, 5, 20, 100 }) {
            List<RoutingInput> inputs = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                inputs.add(new RoutingInput(candidates(random, size), NUMBER, DIRECTORY,
                        random.nextInt(4) == 0 ? Optional.of("r" + random.nextInt(size)) : Optional.empty()));
            }
            int rounds = 30;
            long[] latencies = new long[inputs.size() * rounds];
            long sink = 0;
            for (int warmUp = 0; warmUp < 10; warmUp++) {
                for (RoutingInput input : inputs) {
                    sink += RoutingRules.choose(input).orElseThrow().record().id().length();
                }
            }
            long start = System.nanoTime();
            int n = 0;
            for (int round = 0; round < rounds; round++) {
                for (RoutingInput input : inputs) {
                    long t = System.nanoTime();
                    sink += RoutingRules.choose(input).orElseThrow().record().id().length();
                    latencies[n++] = System.nanoTime() - t;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            if (report) {
                System.out.printf(Locale.ROOT, "| %d | %,.0f | %.1f | %.1f | %.1f |%n", size, n / seconds,
                        micros(latencies, 0.50), micros(latencies, 0.99), micros(latencies, 0.999));
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static List<Candidate> candidates(Random random, int size) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Owner owner = random.nextInt(6) == 0 ? Owner.team(random.nextBoolean() ? "north" : "south")
                    : Owner.seller(SELLERS[random.nextInt(SELLERS.length)]);
            list.add(new Candidate("r" + i, TYPES[random.nextInt(TYPES.length)], "name", owner, random.nextBoolean(),
                    T0.plusSeconds(random.nextInt(3))));
        }
        return list;
    }

    // --- the indexed lookup in PostgreSQL

    private static void withDatabase(PostgresServer postgres, int records) throws Exception {
        ServiceDatabase db = postgres.database("routing_bench", true);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            migrate(connection);
            long loadStart = System.nanoTime();
            // Every 10th number is carried by 3 records (the duplicates that make routing rules necessary).
            int numbers = load(connection, records);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            try (Statement sql = connection.createStatement()) {
                sql.execute("ANALYZE");
            }
            String plan = plan(connection, number(7));
            System.out.println();
            System.out.printf(Locale.ROOT, "## %,d records in PostgreSQL (loaded with COPY in %.1f s)%n", records,
                    loadSeconds);
            System.out.println("plan: " + plan.replace('\n', ' ').replaceAll(" +", " "));
            Random random = new Random(7);
            int lookups = 20_000;
            long[] latencies = new long[lookups];
            try (PreparedStatement query = connection.prepareStatement(
                    DirectoryStore.RECORDS_WITH_NUMBER_SQL.replace("?1", "?"))) {
                for (int i = 0; i < 10_000; i++) {
                    decide(query, number(random.nextInt(numbers)));
                }
                long start = System.nanoTime();
                for (int i = 0; i < lookups; i++) {
                    long t = System.nanoTime();
                    decide(query, number(random.nextInt(numbers)));
                    latencies[i] = System.nanoTime() - t;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Arrays.sort(latencies);
                System.out.println("| records | lookups + decisions/s (one connection) | p50 µs | p99 µs | p99.9 µs |");
                System.out.println("|---|---|---|---|---|");
                System.out.printf(Locale.ROOT, "| %,d | %,.0f | %.0f | %.0f | %.0f |%n", records, lookups / seconds,
                        micros(latencies, 0.50), micros(latencies, 0.99), micros(latencies, 0.999));
            }
        }
    }

    /** The lookup routing runs for every inbound message, then the rules on what it found. */
    private static void decide(PreparedStatement query, String number) throws SQLException {
        query.setString(1, number);
        List<Candidate> candidates = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String seller = rows.getString("owner_seller_id");
                String team = rows.getString("owner_team_id");
                java.sql.Timestamp modified = rows.getTimestamp("modified_on");
                candidates.add(new Candidate(rows.getString("id"), RecordType.valueOf(rows.getString("type")),
                        rows.getString("name"), seller == null && team == null ? null : new Owner(seller, team),
                        rows.getBoolean("active"), modified == null ? null : modified.toInstant()));
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no candidate for a loaded number");
        }
        RoutingRules.choose(new RoutingInput(candidates, NUMBER, DIRECTORY, Optional.empty())).orElseThrow();
    }

    private static void migrate(Connection connection) throws IOException, SQLException {
        for (String migration : List.of("db/migration/V1__directory.sql",
                "db/migration/V2__conversation_activity_and_explanations.sql")) {
            try (InputStream in = RoutingBenchmark.class.getClassLoader().getResourceAsStream(migration);
                    Statement sql = connection.createStatement()) {
                if (in == null) {
                    throw new IllegalStateException(migration + " not on the class path");
                }
                sql.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Loads {@code records} records and their phones with COPY; returns how many distinct numbers they carry. */
    private static int load(Connection connection, int records) throws SQLException, IOException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Random random = new Random(records);
        StringBuilder recordRows = new StringBuilder();
        StringBuilder phoneRows = new StringBuilder();
        int numbers = 0;
        int i = 0;
        while (i < records) {
            int carriers = numbers % 10 == 0 ? Math.min(3, records - i) : 1;
            for (int c = 0; c < carriers; c++, i++) {
                String owner = SELLERS[random.nextInt(SELLERS.length)];
                recordRows.append("r").append(i).append('\t').append(TYPES[random.nextInt(TYPES.length)])
                        .append("\tRecord ").append(i).append('\t').append(owner).append("\t\\N\t")
                        .append(random.nextBoolean() ? 't' : 'f').append('\t')
                        .append(T0.plusSeconds(random.nextInt(1_000_000))).append("\t\\N\n");
                phoneRows.append("r").append(i).append("\t0\tMOBILE\t").append(number(numbers)).append('\n');
            }
            numbers++;
            if (recordRows.length() > 8_000_000 || i >= records) {
                copy.copyIn("COPY directory_record FROM STDIN", new StringReader(recordRows.toString()));
                copy.copyIn("COPY directory_record_phone FROM STDIN", new StringReader(phoneRows.toString()));
                recordRows.setLength(0);
                phoneRows.setLength(0);
            }
        }
        return numbers;
    }

    private static String plan(Connection connection, String number) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement(
                "EXPLAIN " + DirectoryStore.RECORDS_WITH_NUMBER_SQL.replace("?1", "'" + number + "'"));
                ResultSet rows = explain.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "+1206%07d", 2_000_000 + n);
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1_000.0;
    }
}
