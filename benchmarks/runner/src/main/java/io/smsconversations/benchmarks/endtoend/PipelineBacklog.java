package io.smsconversations.benchmarks.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline's backlog: records on the suite's topics that its consumer groups have not committed yet. A run
 * that left a backlog would hand it to the next run, which would then measure the previous rate's queue; so each run
 * starts only once the backlog is gone (or a bounded wait is over, and the backlog left is reported).
 */
public final class PipelineBacklog {

    private final String bootstrap;

    public PipelineBacklog(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Records not yet committed, over every consumer group of the services and every partition they consume. */
    public long records() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long lag = 0;
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(30, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the consumer groups' offsets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no backlog is left or {@code timeout} passed; answers the backlog left. */
    public long awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left = records();
        while (left > 0 && System.nanoTime() < deadline) {
            DirectorySeed.sleep(1000);
            left = records();
        }
        return left;
    }
}
