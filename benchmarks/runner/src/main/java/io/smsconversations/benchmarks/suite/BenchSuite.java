package io.smsconversations.benchmarks.suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * The suite as the end-to-end tests start it (their RunningSuite, without Keycloak, the console and the SASL
 * listener, which the flows measured here do not use): one real Kafka broker and one real PostgreSQL server from
 * test-infrastructure, the OIDC test server, the four services from their built jars and the ceiling app, each on a
 * free port bound to 127.0.0.1 only (never the fixed ports of ./sms up, which another engineer may be using).
 */
public final class BenchSuite implements AutoCloseable {

    public static final String TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
    public static final String ACS_SECRET = "bench-acs-webhook-secret";
    public static final String ACS_SUBSCRIPTION = "sms-gateway";
    private static final Duration READY = Duration.ofSeconds(300);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final OidcWiremockTestResource oidc;
    private final Map<String, ServiceDatabase> databases;
    private final ServiceProcess gateway;
    private final ServiceProcess routing;
    private final ServiceProcess conversation;
    private final ServiceProcess notification;
    private final ServiceProcess ceiling;
    private final Map<String, Integer> ports;

    private BenchSuite(OidcWiremockTestResource oidc, Map<String, ServiceDatabase> databases,
            Map<String, Integer> ports, ServiceProcess gateway, ServiceProcess routing, ServiceProcess conversation,
            ServiceProcess notification, ServiceProcess ceiling) {
        this.oidc = oidc;
        this.databases = databases;
        this.ports = ports;
        this.gateway = gateway;
        this.routing = routing;
        this.conversation = conversation;
        this.notification = notification;
        this.ceiling = ceiling;
    }

    /**
     * @param consumerConcurrency 1 for the services as configured; more runs that many consumers per service on the
     *                            pipeline's main topic (SmallRye's {@code concurrency}, one consumer per partition:
     *                            records of one key, one conversation, stay in order), to measure what it changes
     * @param gatewayExtra        settings added to the gateway's, for an experiment
     */
    public static BenchSuite start(Path root, int consumerConcurrency, Map<String, String> gatewayExtra) {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        // TestTokens signs with the OIDC test server's key, found through MicroProfile Config.
        oidcConfig.forEach(System::setProperty);
        Map<String, String> common = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/",
                "quarkus.oidc.client-id", "quarkus-service-app",
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.http.host", "127.0.0.1"));
        Map<String, ServiceDatabase> databases = new HashMap<>();
        Map<String, Integer> ports = new HashMap<>();
        for (String name : List.of("gateway", "routing", "conversation", "notification")) {
            databases.put(name, infrastructure.postgres().database("bench_" + name, true));
        }
        for (String name : List.of("gateway", "routing", "conversation", "notification", "ceiling")) {
            ports.put(name, FreePorts.next());
        }

        Map<String, String> gatewayConfig = new HashMap<>(common);
        gatewayConfig.putAll(databases.get("gateway").quarkusConfig());
        gatewayConfig.put("gateway.public-base-url", "http://127.0.0.1:" + ports.get("gateway"));
        gatewayConfig.put("gateway.twilio.enabled", "true");
        gatewayConfig.put("gateway.twilio.auth-token", TWILIO_AUTH_TOKEN);
        gatewayConfig.put("gateway.acs.enabled", "true");
        gatewayConfig.put("gateway.acs.webhook-secret", ACS_SECRET);
        gatewayConfig.put("gateway.acs.subscription-name", ACS_SUBSCRIPTION);
        // An experiment's settings (bench.gateway-config), e.g. the producer's linger.ms.
        gatewayConfig.putAll(gatewayExtra);
        ServiceProcess gateway = ServiceProcess.start(jarOf(root, "inbound-gateway"), "inbound-gateway",
                ports.get("gateway"), gatewayConfig);
        ServiceProcess routing = withDatabase(root, "routing-service", "routing",
                concurrent(common, "inbound-messages", consumerConcurrency), databases, ports);
        ServiceProcess conversation = withDatabase(root, "conversation-service", "conversation",
                concurrent(common, "message-attachments", consumerConcurrency), databases, ports);
        ServiceProcess notification = withDatabase(root, "notification-service", "notification",
                concurrent(common, "conversation-events", consumerConcurrency), databases, ports);
        ServiceProcess ceiling = ServiceProcess.start(
                root.resolve("benchmarks/ceiling-app/target/quarkus-app/quarkus-run.jar"), "ceiling-app",
                ports.get("ceiling"), Map.of("quarkus.http.host", "127.0.0.1"));
        BenchSuite suite = new BenchSuite(oidc, databases, ports, gateway, routing, conversation, notification,
                ceiling);
        try {
            List.of(gateway, routing, conversation, notification, ceiling).stream()
                    .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY))).toList()
                    .forEach(CompletableFuture::join);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    private static Map<String, String> concurrent(Map<String, String> common, String channel, int concurrency) {
        Map<String, String> config = new HashMap<>(common);
        if (concurrency > 1) {
            config.put("mp.messaging.incoming." + channel + ".concurrency", Integer.toString(concurrency));
        }
        return config;
    }

    private static ServiceProcess withDatabase(Path root, String service, String database,
            Map<String, String> common, Map<String, ServiceDatabase> databases, Map<String, Integer> ports) {
        Map<String, String> config = new HashMap<>(common);
        config.putAll(databases.get(database).quarkusConfig());
        return ServiceProcess.start(jarOf(root, service), service, ports.get(database), config);
    }

    private static Path jarOf(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Always 127.0.0.1: the load only ever targets the loopback interface. */
    public String url(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        return "http://127.0.0.1:" + port;
    }

    public ServiceDatabase database(String name) {
        return databases.get(name);
    }

    public long pid(String service) {
        return switch (service) {
            case "gateway" -> gateway.pid();
            case "routing" -> routing.pid();
            case "conversation" -> conversation.pid();
            case "notification" -> notification.pid();
            case "ceiling" -> ceiling.pid();
            default -> throw new IllegalArgumentException("no such service: " + service);
        };
    }

    public String kafkaBootstrapServers() {
        return SuiteInfrastructure.get().kafkaBootstrapServers();
    }

    /** Publishes a directory entry through routing's admin API, as a CRM would (202 once Kafka has it). */
    public void adminPut(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("routing") + path))
                .header("Authorization", "Bearer " + TestTokens.admin("bench-admin"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(KafkaTestClient.toJson(body))).build();
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("PUT " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** GET with a bearer token; the answer whatever its status. */
    public static HttpResponse<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the services that consume the pipeline (routing, conversation, notification), so that the gateway's
     * throughput run is not followed by minutes of downstream work competing for the same two cores, and so that the
     * gateway and ceiling A are measured in the same conditions.
     */
    public void stopDownstream() {
        List.of(routing, conversation, notification).stream()
                .map(service -> CompletableFuture.runAsync(service::close)).toList()
                .forEach(CompletableFuture::join);
    }

    @Override
    public void close() {
        List.of(gateway, routing, conversation, notification, ceiling).stream()
                .map(service -> CompletableFuture.runAsync(service::close)).toList()
                .forEach(CompletableFuture::join);
        oidc.stop();
    }
}
