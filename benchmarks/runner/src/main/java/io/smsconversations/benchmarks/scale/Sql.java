package io.smsconversations.benchmarks.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.smsconversations.testing.ServiceDatabase;

/** Plain JDBC on a service's own database, as its owner role: seeding with set-based SQL, and EXPLAIN. */
final class Sql {

    private Sql() {
    }

    static void execute(ServiceDatabase db, String... statements) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run on " + db.name() + ": " + e.getMessage(), e);
        }
    }

    /** The plan PostgreSQL ran ({@code EXPLAIN (ANALYZE, BUFFERS)}), one line per node. */
    static List<String> explain(ServiceDatabase db, String query) {
        List<String> plan = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query)) {
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not explain on " + db.name() + ": " + e.getMessage(), e);
        }
        return plan;
    }

    /** Whether every scan the plan ran reads an index (no sequential scan of a table that was executed). */
    static boolean indexOnly(List<String> plan) {
        return plan.stream().noneMatch(line -> line.contains("Seq Scan") && !line.contains("never executed"))
                && plan.stream().anyMatch(line -> line.contains("Index"));
    }

    static long count(ServiceDatabase db, String query) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count on " + db.name() + ": " + e.getMessage(), e);
        }
    }
}
