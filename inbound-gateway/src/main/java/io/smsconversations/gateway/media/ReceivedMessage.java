package io.smsconversations.gateway.media;

import java.util.List;

import io.smsconversations.events.InboundMessageReceived;

/**
 * What a provider adapter read from one inbound webhook: the event to publish (its media as opaque references) and
 * the provider's media items behind them, to store before the event is published.
 */
public record ReceivedMessage(InboundMessageReceived event, List<ProviderMedia> media) {

    public ReceivedMessage {
        media = List.copyOf(media);
    }
}
