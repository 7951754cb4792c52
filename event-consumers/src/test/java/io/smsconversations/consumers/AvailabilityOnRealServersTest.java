package io.smsconversations.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smsconversations.events.LogSafe;
import io.smsconversations.consumers.Availability.Kind;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.PostgresServer;
import io.smsconversations.testing.ServiceDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * The outage rule against what real servers and drivers do when they go away: a PostgreSQL server stopped under a
 * pool, a backend terminated by an administrator, a pool with no free connection in time, nothing listening on the
 * port, and a Kafka producer with no broker. Each must be recognised as an outage (waited out), never as a fault that
 * would dead-letter a good record after a few retries.
 */
class AvailabilityOnRealServersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static PostgresServer server;
    private static ServiceDatabase database;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = PostgresServer.start(0, null); // its own server: this test stops it
        database = server.database("availability", true);
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }

    @Test
    void aTerminatedBackendIsAnOutage() throws Exception {
        Pool pool = pool(database.port(), 1, Duration.ofSeconds(5));
        SqlConnection connection = await(pool.getConnection());
        int pid = await(connection.query("SELECT pg_backend_pid()").execute()).iterator().next().getInteger(0);
        Pool admin = pool(database.port(), 1, Duration.ofSeconds(5));
        await(admin.query("SELECT pg_terminate_backend(" + pid + ")").execute());

        Throwable failure = failureOf(connection.query("SELECT 1").execute());

        assertThat(Availability.kindOf(failure)).as(LogSafe.failure(failure) + " " + failure.getMessage()).isEqualTo(Kind.OUTAGE);
        await(admin.close());
        await(pool.close());
    }

    @Test
    void aPoolWithNoFreeConnectionInTimeIsAnOutage() throws Exception {
        Pool pool = pool(database.port(), 1, Duration.ofMillis(300));
        SqlConnection held = await(pool.getConnection());

        Throwable failure = failureOf(pool.query("SELECT 1").execute());

        assertThat(Availability.kindOf(failure)).as(LogSafe.failure(failure) + " " + failure.getMessage()).isEqualTo(Kind.OUTAGE);
        await(held.close());
        await(pool.close());
    }

    @Test
    void nothingListeningIsAnOutage() throws Exception {
        Pool pool = pool(FreePorts.next(), 1, Duration.ofSeconds(5));

        Throwable failure = failureOf(pool.query("SELECT 1").execute());

        assertThat(Availability.kindOf(failure)).as(LogSafe.failure(failure) + " " + failure.getMessage()).isEqualTo(Kind.OUTAGE);
        await(pool.close());
    }

    @Test
    void aStatementTheDatabaseRefusesIsAFaultNotAnOutage() throws Exception {
        Pool pool = pool(database.port(), 1, Duration.ofSeconds(5));

        Throwable failure = failureOf(pool.query("SELECT no_such_column FROM pg_class").execute());

        assertThat(Availability.kindOf(failure)).isEqualTo(Kind.FAULT);
        assertThat(Availability.sqlState(failure)).contains("42703");
        await(pool.close());
    }

    @Test
    void aKafkaSendWithNoBrokerIsAnOutage() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.next(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            Throwable failure;
            try {
                producer.send(new ProducerRecord<>("sms.inbound-messages", "k", "v")).get(10, TimeUnit.SECONDS);
                throw new AssertionError("the send succeeded without a broker");
            } catch (Exception e) {
                failure = e;
            }
            assertThat(Availability.kindOf(failure)).as(LogSafe.failure(failure) + " " + failure.getMessage()).isEqualTo(Kind.OUTAGE);
        }
    }

    /** Last: the server goes away under a pool that has been using it. */
    @Test
    void zServerStoppedUnderAPoolIsAnOutage() throws Exception {
        PostgresServer own = PostgresServer.start(0, null);
        ServiceDatabase db = own.database("stopped", true);
        Pool pool = pool(db, 2, Duration.ofSeconds(2));
        await(pool.query("SELECT 1").execute());

        own.close();
        Throwable failure = failureOf(pool.query("SELECT 1").execute());

        assertThat(Availability.kindOf(failure)).as(LogSafe.failure(failure) + " " + failure.getMessage()).isEqualTo(Kind.OUTAGE);
        await(pool.close());
    }

    private static Pool pool(int port, int size, Duration connectionTimeout) {
        return pool(new ServiceDatabase("127.0.0.1", port, database.name(), database.user(), database.password()),
                size, connectionTimeout);
    }

    private static Pool pool(ServiceDatabase db, int size, Duration connectionTimeout) {
        PgConnectOptions connect = new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.name()).setUser(db.user()).setPassword(db.password()).setConnectTimeout(2000);
        PoolOptions options = new PoolOptions().setMaxSize(size)
                .setConnectionTimeout((int) connectionTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgPool.pool(vertx, connect, options);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failureOf(io.vertx.core.Future<?> future) throws Exception {
        try {
            await(future);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the statement succeeded");
    }
}
