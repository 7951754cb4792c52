package io.smsconversations.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's broker and database server, as one process: {@code java ... InfrastructureLauncher <kafka-port>
 * <postgres-port> <data-dir> <database>...}. Data survives a restart. Prints one {@code READY} line when both serve
 * and the databases exist, then runs until it is stopped.
 */
public final class InfrastructureLauncher {

    private InfrastructureLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: InfrastructureLauncher <kafka-port> <postgres-port> <data-dir> <database>...");
            System.exit(2);
        }
        int kafkaPort = Integer.parseInt(args[0]);
        int postgresPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        List<String> databases = Arrays.asList(args).subList(3, args.length);

        Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka"));
        KafkaBroker broker = KafkaBroker.start(kafkaPort, kafkaDir);
        SuiteTopics.create(broker.bootstrapServers());
        PostgresServer postgres = PostgresServer.start(postgresPort, dataDir.resolve("postgres"));
        databases.forEach(name -> postgres.database(name, false));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            postgres.close();
            stopped.countDown();
        }, "infrastructure-stop"));
        System.out.printf("READY kafka=%s postgres=%s:%d (PostgreSQL %s) databases=%s%n",
                broker.bootstrapServers(), postgres.host(), postgres.port(), postgres.serverVersion(), databases);
        stopped.await();
    }
}
