package io.smsconversations.gateway.send;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This process as the owner of ledger leases: the pod's name (Kubernetes sets {@code HOSTNAME}) and a part drawn
 * at start, so a restarted pod of the same name is a new owner and never mistakes its predecessor's lease for its own.
 */
@ApplicationScoped
public class SendOwner {

    private final String id;

    @Inject
    public SendOwner(@ConfigProperty(name = "HOSTNAME") Optional<String> hostname) {
        this(hostname.filter(name -> !name.isBlank()).orElse("gateway") + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** An owner of a given name: a second replica in tests. */
    public SendOwner(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
