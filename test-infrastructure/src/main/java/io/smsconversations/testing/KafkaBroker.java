package io.smsconversations.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), running inside this JVM from
 * the official jars. It can be stopped and started again on the same port and log directory, so tests can prove
 * what happens while the broker is down.
 * <p>
 * {@link #startSecured} adds a second listener, SASL_PLAINTEXT with SCRAM-SHA-512, and turns on Kafka's ACL
 * authorizer, as the cluster in {@code deploy/} runs: a client of that listener can do only what ACLs allow its user
 * ({@link KafkaSecurity}). The plaintext listener stays open to the tests themselves (its anonymous user is a super
 * user), so they read and write every topic as before.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final String SASL_LISTENER = "SASL_PLAINTEXT";

    private final int port;
    private final int saslPort;
    private final Properties config;
    private KafkaRaftServer server;

    private KafkaBroker(int port, int saslPort, Properties config) {
        this.port = port;
        this.saslPort = saslPort;
        this.config = config;
    }

    /**
     * Formats {@code logDir} (when it holds no cluster yet) and starts a broker on {@code port} (0 = any free port).
     */
    public static KafkaBroker start(int port, Path logDir) {
        int brokerPort = FreePorts.orNext(port);
        return startWith(brokerPort, 0, singleNodeConfig(brokerPort, FreePorts.next(), logDir), logDir);
    }

    /**
     * As {@link #start}, plus a SASL_PLAINTEXT listener (SCRAM-SHA-512) on a free port and the ACL authorizer: users
     * of that listener have no right that no ACL grants them; the plaintext listener's anonymous user may do anything.
     */
    public static KafkaBroker startSecured(int port, Path logDir) {
        int brokerPort = FreePorts.orNext(port);
        int saslPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Properties config = singleNodeConfig(brokerPort, controllerPort, logDir);
        secure(config, brokerPort, saslPort, controllerPort);
        return startWith(brokerPort, saslPort, config, logDir);
    }

    private static KafkaBroker startWith(int brokerPort, int saslPort, Properties config, Path logDir) {
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaBroker broker = new KafkaBroker(brokerPort, saslPort, config);
        broker.startServer();
        return broker;
    }

    /** The plaintext listener: no authentication, every right (the tests' own clients). */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_PLAINTEXT (SCRAM-SHA-512) listener of a {@link #startSecured secured} broker; empty otherwise. */
    public Optional<String> saslBootstrapServers() {
        return saslPort == 0 ? Optional.empty() : Optional.of("127.0.0.1:" + saslPort);
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker; clients see it as down until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same port with the same data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        // The controller port is kept in config, so a restart binds the same two ports as before.
        server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        server.startup();
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    // startup() returns before the broker has joined the quorum; a described cluster means it can serve.
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready", notYet);
                    }
                }
                sleep(100);
            }
        }
    }

    private static Properties singleNodeConfig(int brokerPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private static void secure(Properties p, int brokerPort, int saslPort, int controllerPort) {
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + SASL_LISTENER + "://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + SASL_LISTENER + "://127.0.0.1:"
                + saslPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                + SASL_LISTENER + ":" + SASL_LISTENER);
        p.put("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        // The broker side of SCRAM needs the login module only: users and their salted passwords live in the
        // cluster's metadata (KafkaSecurity.createUser), as Strimzi's User Operator keeps them.
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The tests (plaintext listener), the controller and the broker itself are anonymous: super user. Everyone
        // else, i.e. every SASL user, gets only what an ACL allows.
        p.put("super.users", "User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
    }

    private static void format(Properties config, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path file = Files.createTempFile("kafka-server", ".properties");
            try (var out = Files.newOutputStream(file)) {
                config.store(out, "single-node KRaft broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = { "format", "-t", Uuid.randomUuid().toString(), "-c", file.toString() };
            int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(file);
            if (exit != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
