package io.smsconversations.gateway.send;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every provider's sender, by provider name: a new provider's sender is found without changing anything here. */
@ApplicationScoped
public class ProviderSenders {

    private final Map<String, ProviderSender> byName;

    @Inject
    public ProviderSenders(@Any Instance<ProviderSender> senders) {
        this.byName = senders.stream().collect(Collectors.toUnmodifiableMap(ProviderSender::provider,
                Function.identity()));
    }

    public Optional<ProviderSender> of(String provider) {
        return Optional.ofNullable(provider == null ? null : byName.get(provider));
    }
}
