package io.smsconversations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The broker and the database server shared by every test of one JVM: started once, on free ports, on first use,
 * and stopped when the JVM exits. Environment variables point the tests at servers already running instead:
 * <ul>
 * <li>{@code SMS_TEST_KAFKA_BOOTSTRAP_SERVERS}: a broker;</li>
 * <li>{@code SMS_TEST_POSTGRES_HOST}, {@code SMS_TEST_POSTGRES_PORT}, {@code SMS_TEST_POSTGRES_USER},
 * {@code SMS_TEST_POSTGRES_PASSWORD}: a PostgreSQL server and a user that may create databases and roles.</li>
 * </ul>
 * With the system property {@code sms.test.kafka.secured=true} the broker it starts also has a SASL listener with
 * ACLs ({@link KafkaBroker#startSecured}): the end-to-end suite runs the services through it.
 */
public final class SuiteInfrastructure {

    private static SuiteInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final KafkaBroker ownBroker;
    private PostgresServer postgres;

    private SuiteInfrastructure(String kafkaBootstrapServers, KafkaBroker ownBroker) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.ownBroker = ownBroker;
    }

    public static synchronized SuiteInfrastructure get() {
        if (instance == null) {
            instance = startOrConnect();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "suite-infrastructure-stop"));
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * The SASL_PLAINTEXT (SCRAM-SHA-512) listener of the broker this JVM started when {@code sms.test.kafka.secured}
     * is set; empty otherwise (also with an external broker).
     */
    public Optional<String> kafkaSaslBootstrapServers() {
        return ownBroker().flatMap(KafkaBroker::saslBootstrapServers);
    }

    /** The broker this JVM started, to stop and restart it in tests; empty when the tests use an external one. */
    public Optional<KafkaBroker> ownBroker() {
        return Optional.ofNullable(ownBroker);
    }

    /** The database server, started on first use: a service without a database never waits for one. */
    public synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = postgresFromEnvOrStart();
        }
        return postgres;
    }

    private static SuiteInfrastructure startOrConnect() {
        String externalKafka = System.getenv("SMS_TEST_KAFKA_BOOTSTRAP_SERVERS");
        KafkaBroker broker = externalKafka != null ? null
                : Boolean.getBoolean("sms.test.kafka.secured") ? KafkaBroker.startSecured(0, tempDir("kafka"))
                : KafkaBroker.start(0, tempDir("kafka"));
        String bootstrap = broker == null ? externalKafka : broker.bootstrapServers();
        SuiteTopics.create(bootstrap);
        return new SuiteInfrastructure(bootstrap, broker);
    }

    private static PostgresServer postgresFromEnvOrStart() {
        String host = System.getenv("SMS_TEST_POSTGRES_HOST");
        if (host == null) {
            return PostgresServer.start(0, null);
        }
        return PostgresServer.existing(host,
                Integer.parseInt(envOr("SMS_TEST_POSTGRES_PORT", "5432")),
                envOr("SMS_TEST_POSTGRES_USER", "postgres"),
                envOr("SMS_TEST_POSTGRES_PASSWORD", "postgres"));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static java.nio.file.Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory("sms-" + prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stop() {
        if (ownBroker != null) {
            ownBroker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
