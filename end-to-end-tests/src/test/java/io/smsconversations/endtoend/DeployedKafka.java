package io.smsconversations.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The Kafka part of {@code deploy/}, read from the manifests themselves so that the end-to-end suite runs the services
 * under exactly the rights a cluster gives them: the Strimzi {@code KafkaUser}s' ACLs (as Kafka ACL bindings for the
 * principal {@code User:<name>}, as the User Operator makes them) and the {@code KafkaTopic}s (a cluster creates no
 * topic on demand, and the services may not create any).
 */
final class DeployedKafka {

    static final Path KAFKA_USERS = Path.of("deploy/base/kafka-users/kafka-users.yaml");
    static final Path KAFKA_TOPICS = Path.of("deploy/components/kafka-topics");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Enough for the tests; the manifests' 6 would only slow the broker down. */
    private static final int MAX_PARTITIONS = 3;

    private DeployedKafka() {
    }

    /** Each KafkaUser's ACLs, by user (= service) name. */
    static Map<String, List<AclBinding>> users(Path root) {
        Map<String, List<AclBinding>> users = new LinkedHashMap<>();
        for (JsonNode user : documents(root.resolve(KAFKA_USERS), "KafkaUser")) {
            String name = user.path("metadata").path("name").asText();
            List<AclBinding> acls = new ArrayList<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode operations = acl.has("operations") ? acl.get("operations") : acl.path("operation");
                for (JsonNode operation : operations.isArray() ? operations : List.of(operations)) {
                    acls.add(new AclBinding(resource(acl.path("resource")), new AccessControlEntry("User:" + name,
                            acl.path("host").asText("*"), operation(operation.asText()),
                            "deny".equals(acl.path("type").asText("allow")) ? AclPermissionType.DENY
                                    : AclPermissionType.ALLOW)));
                }
            }
            users.put(name, acls);
        }
        return users;
    }

    /** Every KafkaTopic of the manifests, with its cleanup policy. */
    static List<NewTopic> topics(Path root) {
        List<NewTopic> topics = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(KAFKA_TOPICS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                    && !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                for (JsonNode topic : documents(file, "KafkaTopic")) {
                    JsonNode spec = topic.path("spec");
                    String name = spec.path("topicName").asText(topic.path("metadata").path("name").asText());
                    topics.add(new NewTopic(name, Math.min(MAX_PARTITIONS, spec.path("partitions").asInt(1)),
                            (short) 1).configs(Map.of("cleanup.policy",
                                    spec.path("config").path("cleanup.policy").asText("delete"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private static ResourcePattern resource(JsonNode resource) {
        ResourceType type = switch (resource.path("type").asText()) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException("unknown ACL resource type " + resource);
        };
        String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
        PatternType pattern = "prefix".equals(resource.path("patternType").asText("literal")) ? PatternType.PREFIXED
                : PatternType.LITERAL;
        return new ResourcePattern(type, name, pattern);
    }

    /** Strimzi spells operations as Kafka's ACL operations in camel case: Read, DescribeConfigs, IdempotentWrite. */
    private static AclOperation operation(String strimzi) {
        return AclOperation.valueOf(strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    private static List<JsonNode> documents(Path file, String kind) {
        List<JsonNode> found = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (!(document instanceof MissingNode) && kind.equals(document.path("kind").asText())) {
                    found.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no " + kind + " in " + file);
        }
        return found;
    }
}
