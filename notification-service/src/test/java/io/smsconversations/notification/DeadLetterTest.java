package io.smsconversations.notification;

import static io.smsconversations.notification.ConversationEvents.eventId;
import static io.smsconversations.notification.ConversationEvents.inbound;
import static io.smsconversations.notification.ConversationEvents.privileged;
import static io.smsconversations.notification.ConversationEvents.publish;
import static io.smsconversations.notification.ConversationEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.CloudEventRecord;
import io.smsconversations.testing.SuiteInfrastructureResource;
import io.smsconversations.testing.TestTokens;

@QuarkusTest
@WithTestResource(value = SuiteInfrastructureResource.class,
        initArgs = @ResourceArg(name = SuiteInfrastructureResource.DATABASE, value = "notification"))
@WithTestResource(OidcWiremockTestResource.class)
class DeadLetterTest {

    static final String DLQ = Topics.CONVERSATION_EVENTS + ".dlq.notification-service";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anUnreadablePayloadGoesToTheDeadLetterTopicAndTheNextEventIsProcessed() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the poison", privileged(seller));
        String poisonId = unique("poison");

        // same key as the good event: same partition, so the good one comes after the poison
        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), poisonId,
                EventTypes.CONVERSATION_MESSAGE_ADDED, "{this is not json");
        publish(good);

        CloudEventRecord dead = ConversationEvents.kafka().awaitOne(DLQ, r -> poisonId.equals(r.id()), WAIT);
        assertThat(dead.key()).isEqualTo(good.conversationId());
        assertThat(dead.value()).isEqualTo("{this is not json");
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the raw record", privileged(seller));
        String raw = "{\"raw\":\"" + unique("value") + "\"}";

        ConversationEvents.kafka().publishRaw(Topics.CONVERSATION_EVENTS, good.conversationId(), raw);
        publish(good);

        CloudEventRecord dead = ConversationEvents.kafka().awaitOne(DLQ, r -> raw.equals(r.value()), WAIT);
        assertThat(dead.key()).isEqualTo(good.conversationId());
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
    }

    @Test
    void anEventWithoutItsRequiredFieldsGoesToTheDeadLetterTopic() {
        String seller = unique("seller");
        ConversationMessageAdded good = inbound("after the empty event", privileged(seller));
        String emptyId = unique("empty");

        ConversationEvents.kafka().publishEvent(Topics.CONVERSATION_EVENTS, good.conversationId(), emptyId,
                EventTypes.CONVERSATION_MESSAGE_ADDED, "{}");
        publish(good);

        ConversationEvents.kafka().awaitOne(DLQ, r -> emptyId.equals(r.id()), WAIT);
        await().atMost(WAIT).until(() -> Inbox.about(TestTokens.seller(seller), good.conversationId()).size() == 1);
        assertThat(eventId(good)).isNotEqualTo(emptyId);
    }
}
