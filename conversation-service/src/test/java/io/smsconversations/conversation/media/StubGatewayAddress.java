package io.smsconversations.conversation.media;

import io.quarkus.test.Mock;

/** Points the service at {@link StubGateway} in every test (only the media tests fetch media). */
@Mock
class StubGatewayAddress extends MediaGatewayAddress {

    StubGatewayAddress() {
        super(null);
    }

    @Override
    public String baseUrl() {
        return StubGateway.url();
    }
}
