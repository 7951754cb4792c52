package io.smsconversations.consumers.redrive;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redrive}: moves dead letters back to their source topic (see {@link Redrive}). Run from any service's
 * libraries, e.g. {@code java -cp 'target/quarkus-app/lib/main/*' io.smsconversations.consumers.redrive.RedriveCommand
 * --dlq sms.message-attachments.dlq.conversation-service}, or {@code ./sms redrive ...} in the local run.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Moves dead letters back to the topic they were consumed from (idempotent: a letter moved once"
                + " is marked and skipped by later runs).")
public final class RedriveCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:19092)")
    String bootstrapServers;

    @Option(names = "--command-config", description = "Kafka client properties (security.protocol, sasl.*, ...); "
            + "default: $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_MECHANISM, $KAFKA_SASL_JAAS_CONFIG")
    Path commandConfig;

    @Option(names = "--dlq", description = "a dead-letter topic; repeatable")
    List<String> deadLetterTopics = List.of();

    @Option(names = "--all", description = "every dead-letter topic (<topic>.dlq.<service>) on the cluster")
    boolean all;

    @Option(names = "--reason", description = "only letters whose dead-letter-reason matches this regular expression")
    Pattern reason;

    @Option(names = "--type", description = "only letters of this CloudEvents type; repeatable")
    Set<String> types = Set.of();

    @Option(names = "--kind", description = "only letters of this kind: poison or retries-exhausted")
    String kind;

    @Option(names = "--since", description = "only letters dead-lettered at or after this instant (ISO-8601)")
    Instant since;

    @Option(names = "--until", description = "only letters dead-lettered before this instant (ISO-8601)")
    Instant until;

    @Option(names = "--dry-run", description = "list what would move, move nothing")
    boolean dryRun;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RedriveCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (all == !deadLetterTopics.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name the topics with --dlq, or use --all");
        }
        if (kind != null && !Set.of("poison", "retries-exhausted").contains(kind)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kind is poison or retries-exhausted");
        }
        RedriveFilter filter = new RedriveFilter(reason, types, kind, since, until);
        try (Redrive redrive = new Redrive(clientProperties())) {
            List<String> topics = all ? redrive.deadLetterTopics() : deadLetterTopics;
            for (String topic : topics) {
                Redrive.Result result = redrive.redrive(topic, filter, dryRun);
                result.lines().forEach(line -> out.println((dryRun ? "would move " : "moved ") + line));
                out.printf("%s: %d %s, %d moved before, %d not matching%n", topic,
                        dryRun ? result.lines().size() : result.moved(), dryRun ? "to move" : "moved",
                        result.alreadyRedriven(), result.filteredOut());
            }
        }
        return 0;
    }

    private Properties clientProperties() throws IOException {
        Properties client = new Properties();
        if (commandConfig != null) {
            try (InputStream in = Files.newInputStream(commandConfig)) {
                client.load(in);
            }
        }
        String servers = bootstrapServers != null ? bootstrapServers
                : System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        client.putIfAbsent("bootstrap.servers", servers);
        if (bootstrapServers != null) {
            client.put("bootstrap.servers", bootstrapServers);
        }
        client.putIfAbsent("client.id", "sms-redrive");
        loginFromEnvironment(System.getenv()).forEach(client::putIfAbsent);
        return client;
    }

    /**
     * The same variables a service's Deployment sets (sms-common and its KafkaUser's Secret), so that the re-drive Job
     * of deploy/operations/redrive logs in without a properties file; a --command-config file wins.
     */
    static Map<String, String> loginFromEnvironment(Map<String, String> env) {
        Map<String, String> login = new HashMap<>();
        putIfSet(login, "security.protocol", env.get("KAFKA_SECURITY_PROTOCOL"));
        putIfSet(login, "sasl.mechanism", env.get("KAFKA_SASL_MECHANISM"));
        putIfSet(login, "sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG"));
        return login;
    }

    private static void putIfSet(Map<String, String> login, String key, String value) {
        if (value != null && !value.isBlank()) {
            login.put(key, value);
        }
    }
}
