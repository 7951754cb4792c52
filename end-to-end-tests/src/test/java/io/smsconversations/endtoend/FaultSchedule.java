package io.smsconversations.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.smsconversations.testing.KafkaBroker;
import io.smsconversations.testing.PostgresServer;
import io.smsconversations.testing.ServiceProcess;

/**
 * The faults of a fault run, one after the other with a pause between them: {@code kill -9} and restart of each
 * service (same port, configuration, environment and database), PostgreSQL stopped for a while and started again on
 * the same port and data, the Kafka broker stopped and started again on the same ports and log directory. Records
 * how long each lasted and how long the services took to be ready again.
 */
final class FaultSchedule {

    private static final Duration READY = Duration.ofSeconds(300);

    /**
     * One fault: how long the thing was away (a killed service: from the kill until it answered ready again; the
     * database: stopped until started; the broker: stop until it served again), and how long after that until every
     * service was ready.
     */
    record Fault(String what, long startedAtMillis, Duration down, Duration recovery) {

        @Override
        public String toString() {
            return "%-40s at +%5.1f s: away %5.1f s, services ready %5.1f s later".formatted(what,
                    startedAtMillis / 1000.0, down.toMillis() / 1000.0, recovery.toMillis() / 1000.0);
        }
    }

    private final List<ServiceProcess> services;
    private final PostgresServer postgres;
    private final KafkaBroker broker;
    private final Duration pause;
    private final Duration postgresOutage;
    private final long origin;
    private final List<Fault> faults = new ArrayList<>();

    FaultSchedule(List<ServiceProcess> services, PostgresServer postgres, KafkaBroker broker, Duration pause,
            Duration postgresOutage, long originNanos) {
        this.services = services;
        this.postgres = postgres;
        this.broker = broker;
        this.pause = pause;
        this.postgresOutage = postgresOutage;
        this.origin = originNanos;
    }

    /** Runs every fault in turn; the load keeps running meanwhile. */
    List<Fault> run() {
        for (ServiceProcess service : services) {
            sleep(pause);
            long start = System.nanoTime();
            service.kill();
            service.restart();
            service.awaitReady(READY);
            // The killed service itself is the outage; the others must not have noticed it.
            Duration down = Duration.ofNanos(System.nanoTime() - start);
            faults.add(new Fault("kill -9 " + service.name() + " + restart", millisSinceOrigin(start), down,
                    awaitAllReady()));
        }
        if (postgres != null && !postgresOutage.isZero() && !postgresOutage.isNegative()) {
            sleep(pause);
            long start = System.nanoTime();
            postgres.stop();
            sleep(postgresOutage);
            postgres.start();
            faults.add(new Fault("PostgreSQL stopped " + postgresOutage.toSeconds() + " s", millisSinceOrigin(start),
                    Duration.ofNanos(System.nanoTime() - start), awaitAllReady()));
        }
        if (broker != null) {
            sleep(pause);
            long start = System.nanoTime();
            broker.stop();
            broker.restart();
            faults.add(new Fault("Kafka broker restart", millisSinceOrigin(start),
                    Duration.ofNanos(System.nanoTime() - start), awaitAllReady()));
        }
        return List.copyOf(faults);
    }

    private Duration awaitAllReady() {
        long start = System.nanoTime();
        services.stream().map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY))).toList()
                .forEach(CompletableFuture::join);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private long millisSinceOrigin(long nanos) {
        return Duration.ofNanos(nanos - origin).toMillis();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
