package io.smsconversations.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import io.smsconversations.events.Topics;

/**
 * Creates the suite's topics with the settings the contracts require (directory topics compacted), as the
 * Kubernetes manifests do in a cluster. Auto-created topics would not be compacted.
 */
public final class SuiteTopics {

    private static final int PARTITIONS = 3;
    private static final short REPLICATION = 1;

    private SuiteTopics() {
    }

    public static void create(String bootstrapServers) {
        List<NewTopic> wanted = List.of(
                plain(Topics.INBOUND_MESSAGES),
                plain(Topics.DELIVERY_REPORTS),
                plain(Topics.MESSAGE_ATTACHMENTS),
                plain(Topics.CONVERSATION_EVENTS),
                plain(Topics.SEND_REQUESTS),
                plain(Topics.SEND_RESULTS),
                compacted(Topics.DIRECTORY_RECORDS),
                compacted(Topics.DIRECTORY_SELLERS),
                compacted(Topics.DIRECTORY_TEAMS),
                compacted(Topics.DIRECTORY_BUSINESS_NUMBERS));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the suite's topics on " + bootstrapServers, e);
        }
    }

    private static NewTopic plain(String name) {
        return new NewTopic(name, PARTITIONS, REPLICATION);
    }

    private static NewTopic compacted(String name) {
        return plain(name).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
}
