package io.smsconversations.endtoend;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smsconversations.testing.FreePorts;
import io.smsconversations.testing.KafkaSecurity;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.ServiceProcess;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.TestTokens;

/**
 * The four services as separate processes from their built jars, against one real Kafka broker, one real PostgreSQL
 * server and the OIDC test server; beside them the seller console (its jar) and a real Keycloak with the local run's
 * realm. Started once per test JVM (a start costs a minute or two) and shared by every end-to-end class through
 * {@link Extension}; stopped when the last class is done. Each class seeds its own sellers, numbers and records (ids
 * made unique per run) so that the classes do not see each other's conversations.
 * <p>
 * The services accept tokens of both issuers: the OIDC test server's (default tenant; {@link TestTokens} mints any
 * subject and role) and Keycloak's (tenant {@code keycloak}, chosen by the token's issuer), which the console gets
 * through the browser sign-in.
 * <p>
 * The services reach Kafka as in a cluster of {@code deploy/}: through the broker's SASL listener (SCRAM-SHA-512),
 * each as its own KafkaUser with that user's ACLs read from the manifests ({@link DeployedKafka}), its login given in
 * the environment variables the Deployments set ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}). The tests' own clients use the broker's plaintext listener, with every right.
 * Against an external broker ({@code SMS_TEST_KAFKA_BOOTSTRAP_SERVERS}) everything is plaintext.
 */
final class RunningSuite implements AutoCloseable {

    static final String TWILIO_AUTH_TOKEN = "end-to-end-twilio-token";
    static final String VONAGE_SIGNATURE_SECRET = "end-to-end-vonage-signature-secret";
    static final String ACS_WEBHOOK_SECRET = "end-to-end-acs-webhook-secret";
    static final String ACS_SUBSCRIPTION = "sms-gateway";
    static final String INFOBIP_WEBHOOK_SECRET = "end-to-end-infobip-webhook-secret";
    // A ceiling, not a wait: six JVMs start at once, and on a shared 2-core machine a start has taken over 2 minutes.
    private static final Duration READY = Duration.ofSeconds(300);

    private final OidcWiremockTestResource oidc;
    private final Keycloak keycloak;
    private final KafkaTestClient kafka;
    private final Map<String, String> kafkaPasswords;
    private final ServiceProcess gateway;
    private final ServiceProcess routing;
    private final ServiceProcess conversation;
    private final ServiceProcess notification;
    private final ServiceProcess console;

    private RunningSuite(OidcWiremockTestResource oidc, Keycloak keycloak, KafkaTestClient kafka,
            Map<String, String> kafkaPasswords, ServiceProcess gateway, ServiceProcess routing,
            ServiceProcess conversation, ServiceProcess notification, ServiceProcess console) {
        this.oidc = oidc;
        this.keycloak = keycloak;
        this.kafka = kafka;
        this.kafkaPasswords = kafkaPasswords;
        this.gateway = gateway;
        this.routing = routing;
        this.conversation = conversation;
        this.notification = notification;
        this.console = console;
    }

    /** Hands the started suite to a {@code @BeforeAll} method's {@code RunningSuite} parameter. */
    static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningSuite.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store outlives every class and closes its AutoCloseable values when the run ends.
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningSuite.class))
                    .computeIfAbsent(RunningSuite.class, key -> start(), RunningSuite.class);
        }
    }

    private static RunningSuite start() {
        Path root = Path.of(System.getProperty("sms.repository.root", ".."));
        int consolePort = FreePorts.next();
        String consoleOrigin = "http://localhost:" + consolePort;
        // First, so that its start (the longest) overlaps the broker's and the database's.
        Keycloak keycloak = Keycloak.start(root, consoleOrigin);
        try {
            return startAround(keycloak, root, consolePort, consoleOrigin);
        } catch (RuntimeException e) {
            keycloak.close(); // a child of this JVM's child: it would outlive the run
            throw e;
        }
    }

    private static RunningSuite startAround(Keycloak keycloak, Path root, int consolePort, String consoleOrigin) {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        Map<String, String> oidcConfig = oidc.start();
        // TestTokens signs with the OIDC test server's key, found through MicroProfile Config.
        oidcConfig.forEach(System::setProperty);
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafkaBootstrapServers());
        Map<String, String> kafkaPasswords = infrastructure.kafkaSaslBootstrapServers().isPresent()
                ? kafkaUsersOfTheManifests(root) : Map.of();

        Map<String, String> common = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaSaslBootstrapServers()
                        .orElse(infrastructure.kafkaBootstrapServers()),
                "quarkus.oidc.auth-server-url", oidcConfig.get("keycloak.url") + "/realms/quarkus/",
                "quarkus.oidc.client-id", "quarkus-service-app",
                // No audience here: the jars require their own (sms-api), which TestTokens issues.
                "quarkus.oidc.token.issuer", TestTokens.ISSUER));
        common.putAll(keycloakTenant(keycloak));
        common.put("quarkus.http.cors.origins", consoleOrigin);
        // Before the services start: a tenant whose discovery failed at start-up is never chosen by the issuer of a
        // token (tried: its tokens then go to the default tenant and are refused), so the realm must be serving.
        keycloak.awaitReady(READY);

        int gatewayPort = FreePorts.next();
        Map<String, String> gatewayConfig = new HashMap<>(common);
        gatewayConfig.put("gateway.public-base-url", "http://localhost:" + gatewayPort);
        // A packaged gateway serves only the providers it is told to (the others answer 404): all four here, each
        // with its secret, so that the fault run (FaultRunIT) can mix them and LogLeakIT's forgeries meet them.
        gatewayConfig.put("gateway.twilio.enabled", "true");
        gatewayConfig.put("gateway.twilio.auth-token", TWILIO_AUTH_TOKEN);
        gatewayConfig.put("gateway.vonage.enabled", "true");
        gatewayConfig.put("gateway.vonage.signature-secret", VONAGE_SIGNATURE_SECRET);
        gatewayConfig.put("gateway.acs.enabled", "true");
        gatewayConfig.put("gateway.acs.webhook-secret", ACS_WEBHOOK_SECRET);
        gatewayConfig.put("gateway.acs.subscription-name", ACS_SUBSCRIPTION);
        gatewayConfig.put("gateway.infobip.enabled", "true");
        gatewayConfig.put("gateway.infobip.webhook-secret", INFOBIP_WEBHOOK_SECRET);
        // The gateway's own database: the ledger of send requests (idempotent sending).
        gatewayConfig.putAll(infrastructure.postgres().database("gateway", true).quarkusConfig());
        // Sends go to the gateway's built-in fake Twilio (never the real API from a test), which calls back.
        gatewayConfig.put("gateway.simulator.enabled", "true");
        // The jar runs in production mode, which serves the simulator only when told twice.
        gatewayConfig.put("gateway.simulator.allow-in-production", "true");
        gatewayConfig.put("gateway.twilio.api-base-url", "http://localhost:" + gatewayPort + "/simulator/twilio");
        ServiceProcess gateway = ServiceProcess.start(jarOf(root, "inbound-gateway"), "inbound-gateway", gatewayPort,
                gatewayConfig, kafkaLogin("inbound-gateway", kafkaPasswords));
        ServiceProcess routing = startWithDatabase(root, "routing-service", "routing", common, kafkaPasswords);
        Map<String, String> conversationConfig = new HashMap<>(common);
        // The suite runs at any hour of the day: quiet hours (their own tests are in conversation-service) would make
        // a send refused at night in the customers' time zone.
        conversationConfig.put("conversation.quiet-hours.window", "00:00-24:00");
        ServiceProcess conversation = startWithDatabase(root, "conversation-service", "conversation",
                conversationConfig, kafkaPasswords);
        ServiceProcess notification = startWithDatabase(root, "notification-service", "notification", common,
                kafkaPasswords);
        ServiceProcess console = ServiceProcess.start(jarOf(root, "seller-console"), "seller-console", consolePort,
                Map.of("console.conversation-api-url", conversation.baseUrl(),
                        "console.notification-api-url", notification.baseUrl(),
                        "console.oidc.authority", keycloak.issuer()));
        RunningSuite suite = new RunningSuite(oidc, keycloak, kafka, kafkaPasswords, gateway, routing, conversation,
                notification, console);
        try {
            suite.services()
                    .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY)))
                    .toList()
                    .forEach(CompletableFuture::join);
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    /**
     * Makes the KafkaUsers of {@code deploy/} on the test broker (a random password each) with their ACLs, and the
     * manifests' KafkaTopics (dead-letter topics included: no service may create one); answers the passwords.
     */
    private static Map<String, String> kafkaUsersOfTheManifests(Path root) {
        SuiteInfrastructure infrastructure = SuiteInfrastructure.get();
        String plain = infrastructure.kafkaBootstrapServers();
        String sasl = infrastructure.kafkaSaslBootstrapServers().orElseThrow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plain))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.createTopics(DeployedKafka.topics(root).stream().filter(t -> !existing.contains(t.name())).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the manifests' topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> passwords = new HashMap<>();
        DeployedKafka.users(root).forEach((user, acls) -> {
            String password = user + "-" + UUID.randomUUID();
            KafkaSecurity.createUser(plain, sasl, user, password);
            KafkaSecurity.allow(plain, acls);
            passwords.put(user, password);
        });
        return Map.copyOf(passwords);
    }

    /** What a Deployment of {@code deploy/} puts in the environment: the sms-common keys and the user's JAAS line. */
    private static Map<String, String> kafkaLogin(String service, Map<String, String> passwords) {
        if (passwords.isEmpty()) {
            return Map.of();
        }
        String password = passwords.get(service);
        if (password == null) {
            throw new IllegalStateException("deploy/ has no KafkaUser " + service);
        }
        return Map.of("KAFKA_SECURITY_PROTOCOL", KafkaSecurity.PROTOCOL,
                "KAFKA_SASL_MECHANISM", KafkaSecurity.MECHANISM,
                "KAFKA_SASL_JAAS_CONFIG", KafkaSecurity.jaasConfig(service, password));
    }

    /** A second OIDC tenant for Keycloak's tokens, picked by their issuer; they must carry the sms-api audience. */
    private static Map<String, String> keycloakTenant(Keycloak keycloak) {
        return Map.of(
                "quarkus.oidc.resolve-tenants-with-issuer", "true",
                "quarkus.oidc.keycloak.auth-server-url", keycloak.issuer(),
                "quarkus.oidc.keycloak.client-id", "sms-backend",
                "quarkus.oidc.keycloak.application-type", "service",
                "quarkus.oidc.keycloak.token.audience", "sms-api");
    }

    @Override
    public void close() {
        // SIGTERM to all at once: each takes up to its quarkus.shutdown.timeout for requests still open.
        services().map(service -> CompletableFuture.runAsync(service::close)).toList()
                .forEach(CompletableFuture::join);
        kafka.close();
        oidc.stop();
        keycloak.close();
    }

    String consoleUrl() {
        return console.baseUrl();
    }

    String keycloakIssuer() {
        return keycloak.issuer();
    }

    /** The KafkaUsers' passwords by service (empty against an external, plaintext broker). */
    Map<String, String> kafkaPasswords() {
        return kafkaPasswords;
    }

    /** Every service's log so far, by service name. */
    Map<String, String> logs() {
        Map<String, String> logs = new LinkedHashMap<>();
        services().forEach(service -> logs.put(service.name(), service.log()));
        return logs;
    }

    String gatewayUrl() {
        return gateway.baseUrl();
    }

    /**
     * The four backend services' processes, in the order the fault run kills them; each keeps its port,
     * configuration and environment (SCRAM login included) across {@link ServiceProcess#kill} and restart.
     */
    List<ServiceProcess> backendProcesses() {
        return List.of(gateway, routing, conversation, notification);
    }

    String routingUrl() {
        return routing.baseUrl();
    }

    String conversationUrl() {
        return conversation.baseUrl();
    }

    String notificationUrl() {
        return notification.baseUrl();
    }

    KafkaTestClient kafka() {
        return kafka;
    }

    /** A customer's text to a business number, as Twilio posts it; signed with the gateway's auth token or not. */
    Response postTwilioWebhook(String messageSid, String from, String to, String body, boolean signed) {
        return postTwilio("/webhooks/twilio/messages", Map.of(
                "AccountSid", "AC00000000000000000000000000000e2e",
                "MessageSid", messageSid,
                "From", from,
                "To", to,
                "Body", body,
                "NumMedia", "0",
                "NumSegments", "1"), signed);
    }

    /** Any Twilio callback to the gateway's {@code path}, signed with the gateway's auth token or not. */
    Response postTwilio(String path, Map<String, String> params, boolean signed) {
        String url = gateway.baseUrl() + path;
        String signature = TwilioRequests.signature(signed ? TWILIO_AUTH_TOKEN : "not-the-auth-token", url, params);
        return given().header("X-Twilio-Signature", signature).contentType(ContentType.URLENC)
                .formParams(params).post(url);
    }

    /** A status callback for an outbound message, as Twilio posts it, signed with the gateway's auth token. */
    Response postTwilioStatus(String messageSid, String status, String errorCode, String from, String to) {
        String url = gateway.baseUrl() + "/webhooks/twilio/status";
        Map<String, String> params = new HashMap<>(Map.of(
                "AccountSid", "AC00000000000000000000000000000e2e",
                "MessageSid", messageSid,
                "MessageStatus", status,
                "From", from,
                "To", to));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return given().header("X-Twilio-Signature", TwilioRequests.signature(TWILIO_AUTH_TOKEN, url, params))
                .contentType(ContentType.URLENC).formParams(params).post(url);
    }

    /** Publishes a directory entry through routing's admin API (202 once Kafka has it). */
    void adminPut(String path, Object body) {
        asAdmin().contentType(ContentType.JSON).body(KafkaTestClient.toJson(body))
                .put(routing.baseUrl() + path).then().log().ifValidationFails().statusCode(202);
    }

    /** Waits until routing has stored the entry at {@code path}: the admin API answers before its consumer stores. */
    void awaitInRouting(String... paths) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String path : paths) {
                asAdmin().get(routing.baseUrl() + path).then().statusCode(200);
            }
        });
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, everything the
     * topic holds now: what was published before this call has been processed (offsets are committed after the
     * acknowledgement). The only way to know that a service followed an event that shows no trace in its API.
     */
    void awaitConsumed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SuiteInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue());
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RequestSpecification asSeller(String sellerId) {
        return given().auth().oauth2(TestTokens.seller(sellerId));
    }

    static RequestSpecification asAdmin() {
        // Paths carry business numbers already URL-encoded (%2B...): encoding them again would send %252B.
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.admin("ada-admin"));
    }

    /** A business number as a path segment of routing's admin API. */
    static String numberPath(String e164) {
        return e164.replace("+", "%2B");
    }

    private Stream<ServiceProcess> services() {
        return Stream.of(gateway, routing, conversation, notification, console);
    }

    private static ServiceProcess startWithDatabase(Path root, String service, String database,
            Map<String, String> common, Map<String, String> kafkaPasswords) {
        ServiceDatabase db = SuiteInfrastructure.get().postgres().database(database, true);
        Map<String, String> config = new HashMap<>(common);
        config.putAll(db.quarkusConfig());
        return ServiceProcess.start(jarOf(root, service), service, FreePorts.next(), config,
                kafkaLogin(service, kafkaPasswords));
    }

    private static Path jarOf(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
