package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

/**
 * The fan-out between replicas, seen from one replica: a notification that another process stores in the shared
 * database (as another replica's consumer would) reaches this replica's streams, through LISTEN/NOTIFY. The
 * two-process proof is {@code TwoReplicasIT}.
 */
@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class ReplicaFanOutTest {

    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aNotificationStoredByAnotherReplicaReachesTheStreamsHere() throws Exception {
        String seller = unique("seller");
        String other = unique("seller");
        try (SseClient tab = SseClient.connect(stream, TestTokens.seller(seller));
                SseClient otherTab = SseClient.connect(stream, TestTokens.seller(other))) {
            long id = insertElsewhere(seller, "stored by replica B");

            await().atMost(LIVE).until(() -> tab.events().size() == 1);
            JsonNode data = JSON.readTree(tab.events().get(0).data());
            assertThat(tab.events().get(0).id()).isEqualTo(String.valueOf(id));
            assertThat(data.get("text").asText()).isEqualTo("stored by replica B");
            assertThat(data.get("kind").asText()).isEqualTo("INBOUND_MESSAGE");
            Thread.sleep(300);
            assertThat(otherTab.events()).isEmpty();
            assertThat(tab.events()).hasSize(1);
        }
    }

    @Test
    void aLostListeningConnectionClosesTheStreamsAndAResumeGetsWhatWasMissed() throws Exception {
        String seller = unique("seller");
        String token = TestTokens.seller(seller);
        long first;
        try (SseClient tab = SseClient.connect(stream, token)) {
            first = insertElsewhere(seller, "before the outage");
            await().atMost(LIVE).until(() -> tab.events().size() == 1);

            try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                    PreparedStatement kill = db.prepareStatement("SELECT pg_terminate_backend(pid)"
                            + " FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND datname = current_database()")) {
                kill.execute();
            }
            insertElsewhere(seller, "during the outage");
            // the replica listens again within seconds and then closes its streams, which may have missed some
            await().atMost(Duration.ofSeconds(15)).until(tab::ended);
        }
        try (SseClient resumed = SseClient.resume(stream, token, String.valueOf(first))) {
            await().atMost(LIVE).until(() -> resumed.events().size() == 1);
            assertThat(JSON.readTree(resumed.events().get(0).data()).get("text").asText())
                    .isEqualTo("during the outage");
            long later = insertElsewhere(seller, "after the outage");
            await().atMost(LIVE).until(() -> resumed.events().size() == 2);
            assertThat(resumed.events().get(1).id()).isEqualTo(String.valueOf(later));
        }
    }

    /** Stores a notification with plain JDBC, as another replica's transaction would, and returns its id. */
    private long insertElsewhere(String recipient, String text) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement insert = db.prepareStatement("INSERT INTO notification"
                        + " (recipient_id, kind, title, text, conversation_id, source_event_id)"
                        + " VALUES (?, 'INBOUND_MESSAGE', 'New SMS from ***0123', ?, ?, ?) RETURNING id")) {
            insert.setString(1, recipient);
            insert.setString(2, text);
            insert.setString(3, unique("conv"));
            insert.setString(4, unique("event"));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
