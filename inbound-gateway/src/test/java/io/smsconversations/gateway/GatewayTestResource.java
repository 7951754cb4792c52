package io.smsconversations.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smsconversations.testing.ServiceDatabase;
import io.smsconversations.testing.SuiteInfrastructure;
import io.smsconversations.testing.SuiteInfrastructureResource;

/**
 * Every gateway test's infrastructure, so all classes share one application start: the suite's real broker, a fresh
 * {@code gateway} database on the real PostgreSQL server, and one WireMock server standing in for the
 * providers' send APIs (each under its own path prefix).
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer providers;
    private static LedgerDatabaseProxy ledgerDatabase;

    private final SuiteInfrastructureResource suite = new SuiteInfrastructureResource();

    /** The relay in front of the ledger's database, to take it away and bring it back. */
    public static LedgerDatabaseProxy ledgerDatabase() {
        return ledgerDatabase;
    }

    /** The fake providers, for stubbing and counting calls. */
    public static WireMockServer providers() {
        return providers;
    }

    @Override
    public Map<String, String> start() {
        suite.init(Map.of(SuiteInfrastructureResource.DATABASE, "gateway"));
        Map<String, String> config = new HashMap<>(suite.start());
        // The pool reaches the ledger through a relay a test can cut (Flyway, at start, goes straight to it).
        ServiceDatabase database = SuiteInfrastructure.get().postgres().database("gateway", false);
        ledgerDatabase = new LedgerDatabaseProxy(database.host(), database.port());
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + ledgerDatabase.port() + "/"
                + database.name());
        providers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        providers.start();
        String base = "http://127.0.0.1:" + providers.port();
        config.put("gateway.twilio.api-base-url", base + "/twilio");
        config.put("gateway.twilio.account-sid", "AC0123456789abcdef0123456789abcdef");
        config.put("gateway.acs.endpoint", base + "/acs");
        config.put("gateway.acs.access-key", "dGVzdC1hY3MtYWNjZXNzLWtleQ==");
        config.put("gateway.infobip.api-base-url", base + "/infobip");
        config.put("gateway.infobip.api-key", "test-infobip-api-key");
        config.put("gateway.vonage.api-base-url", base + "/vonage");
        config.put("gateway.vonage.api-key", "test-vonage-key");
        config.put("gateway.vonage.api-secret", "test-vonage-secret");
        config.put("gateway.vonage.reports-api-base-url", base + "/vonage-reports");
        config.put("gateway.telesign.api-base-url", base + "/telesign");
        config.put("gateway.linkmobility.api-base-url", base + "/linkmobility");
        config.put("gateway.linkmobility.api-username", "test-link-user");
        config.put("gateway.linkmobility.api-password", "test-link-password");
        config.put("gateway.linkmobility.platform-partner-id", "test-partner");
        config.put("gateway.linkmobility.delivery-report-gate", "test-dlr-gate");
        config.put("gateway.simulator.enabled", "true");
        // Media: the fake Twilio (WireMock on 127.0.0.1, plain http) is its media host, "localhost" (the same
        // WireMock under another name) its CDN; a small bound so "too large" needs no megabytes.
        config.put("gateway.media.allow-plain-http", "true");
        config.put("gateway.media.providers.twilio.url-hosts", "api.twilio.com,127.0.0.1");
        config.put("gateway.media.providers.twilio.redirect-hosts", "localhost");
        config.put("gateway.media.max-bytes", "65536");
        return config;
    }

    @Override
    public void stop() {
        if (providers != null) {
            providers.stop();
        }
        if (ledgerDatabase != null) {
            ledgerDatabase.close();
        }
    }
}
