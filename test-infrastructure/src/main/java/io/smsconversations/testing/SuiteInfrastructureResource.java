package io.smsconversations.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real broker and a fresh database of its own on the real PostgreSQL server:
 *
 * <pre>
 * &#64;WithTestResource(value = SuiteInfrastructureResource.class,
 *         initArgs = &#64;ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "routing"))
 * </pre>
 *
 * Without the {@code database} argument only Kafka is configured.
 */
public class SuiteInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        if (database != null) {
            config.putAll(infrastructure.postgres().database(database, true).quarkusConfig());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one application start: every test class of the JVM shares them.
    }
}
