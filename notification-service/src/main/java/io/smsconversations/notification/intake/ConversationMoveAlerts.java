package io.smsconversations.notification.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.E164;
import io.smsconversations.notification.directory.TeamMembers;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationKind;
import io.smsconversations.notification.inbox.NotificationLink;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notifications a moved conversation makes: the owners (seller, or team members) of the record it left learn
 * where it went, the owners of the record it joined learn that it arrived; whoever owns both gets one saying both.
 * The seller who moved it gets none (they know). The link leads to the conversation on its new record.
 */
@ApplicationScoped
public class ConversationMoveAlerts {

    static final String TITLE = "Conversation moved";

    private final TeamMembers teams;

    public ConversationMoveAlerts(TeamMembers teams) {
        this.teams = teams;
    }

    public Uni<List<NewNotification>> notificationsFor(String eventId, ConversationMoved event) {
        return teams.ownersOf(event.from()).flatMap(fromOwners -> teams.ownersOf(event.to())
                .map(toOwners -> notifications(eventId, event, fromOwners, toOwners)));
    }

    /** The wording, once the owners of both records are known: pure, so it is tested without a database. */
    static List<NewNotification> notifications(String eventId, ConversationMoved event, Set<String> fromOwners,
            Set<String> toOwners) {
        Set<String> recipients = new LinkedHashSet<>(fromOwners);
        recipients.addAll(toOwners);
        if (event.movedBy() != null) {
            recipients.remove(event.movedBy());
        }
        NotificationLink link = new NotificationLink(event.conversationId(),
                event.to() == null ? null : event.to().id(), event.to() == null ? null : event.to().type());
        String with = "The conversation with " + E164.masked(event.customerNumber());
        String from = InboundMessageAlerts.recordName(event.from());
        String to = InboundMessageAlerts.recordName(event.to());
        List<NewNotification> notifications = new ArrayList<>();
        for (String recipient : recipients) {
            boolean left = fromOwners.contains(recipient);
            boolean joined = toOwners.contains(recipient);
            String text;
            if (left && joined) {
                text = with + " was moved from your record " + from + " to your record " + to + ".";
            } else if (left) {
                text = with + " was moved away from your record " + from + " to " + to + ".";
            } else {
                text = with + " was moved to your record " + to + ".";
            }
            notifications.add(new NewNotification(eventId, recipient, NotificationKind.CONVERSATION_MOVED, TITLE,
                    text, link));
        }
        return notifications;
    }
}
