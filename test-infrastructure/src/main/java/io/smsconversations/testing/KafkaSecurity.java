package io.smsconversations.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Users and ACLs of a {@link KafkaBroker#startSecured secured} broker, made through its plaintext (super user)
 * listener, the way Strimzi's User Operator makes them from {@code KafkaUser} resources: a SCRAM-SHA-512 credential
 * per user and the user's ACLs. Both reach the broker through the cluster's metadata a moment later, so each call
 * returns only once the broker applies them.
 */
public final class KafkaSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    private static final Duration APPLIED = Duration.ofSeconds(30);

    private KafkaSecurity() {
    }

    /**
     * The JAAS line a client logs in with: the same form as the {@code sasl.jaas.config} key of the Secret Strimzi
     * makes for a {@code KafkaUser}, which the services read from {@code KAFKA_SASL_JAAS_CONFIG}.
     */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client settings of {@code user} on the SASL listener at {@code saslBootstrap}. */
    public static Map<String, Object> clientConfig(String saslBootstrap, String user, String password) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    }

    /**
     * Creates (or resets the password of) {@code user}; returns once that user can log in on {@code saslBootstrap}.
     */
    public static void createUser(String plainBootstrap, String saslBootstrap, String user, String password) {
        try (Admin admin = admin(plainBootstrap)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create Kafka user " + user, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        awaitLogin(saslBootstrap, user, password);
    }

    /** Adds {@code acls}; returns once the broker enforces all of them. */
    public static void allow(String plainBootstrap, Collection<AclBinding> acls) {
        try (Admin admin = admin(plainBootstrap)) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + APPLIED.toNanos();
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                    .containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not apply the ACLs within " + APPLIED);
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create ACLs", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Every ACL of the broker. */
    public static Set<AclBinding> acls(String plainBootstrap) {
        try (Admin admin = admin(plainBootstrap)) {
            return new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read ACLs", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void awaitLogin(String saslBootstrap, String user, String password) {
        long deadline = System.nanoTime() + APPLIED.toNanos();
        try (Admin admin = Admin.create(clientConfig(saslBootstrap, user, password))) {
            while (true) {
                try {
                    // Any answer at all means the login worked; describing the cluster needs no ACL.
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("user " + user + " cannot log in within " + APPLIED, notYet);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static Admin admin(String plainBootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plainBootstrap));
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
