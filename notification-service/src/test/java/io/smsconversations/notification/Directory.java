package io.smsconversations.notification;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;

/** Publishes sellers on the compacted directory topic, as the directory does, and waits for the projection. */
final class Directory {

    private Directory() {
    }

    static void seller(String sellerId, String... teamIds) {
        ConversationEvents.kafka().publishEvent(Topics.DIRECTORY_SELLERS, sellerId, ConversationEvents.unique("dir"),
                EventTypes.DIRECTORY_SELLER_UPSERTED,
                new Seller(sellerId, "Seller " + sellerId, List.of(teamIds), true));
    }

    static void deleted(String sellerId) {
        ConversationEvents.kafka().publishEvent(Topics.DIRECTORY_SELLERS, sellerId, ConversationEvents.unique("dir"),
                EventTypes.DIRECTORY_SELLER_UPSERTED, null);
    }

    /** Waits until this service's projection knows exactly {@code count} members of {@code teamId}. */
    static void awaitMembers(String teamId, int count) {
        await("team " + teamId + " has " + count + " members").atMost(Duration.ofSeconds(20))
                .until(() -> members(teamId) == count);
    }

    private static int members(String teamId) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM seller_team WHERE team_id = ?")) {
            query.setString(1, teamId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
