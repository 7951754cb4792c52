package io.smsconversations.notification.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.E164;
import io.smsconversations.events.FailureReason;
import io.smsconversations.notification.directory.TeamMembers;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationKind;
import io.smsconversations.notification.inbox.NotificationLink;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notifications a failed outbound message makes (status FAILED or UNDELIVERED): one for the seller who sent it
 * and one for each owner of the record (its seller, or its team's members), each seller once. The text says why, in
 * words and with the normalised reason and the provider's code, so support can look it up.
 */
@ApplicationScoped
public class OutboundFailureAlerts {

    static final String TITLE = "SMS not delivered";

    private final TeamMembers teams;

    public OutboundFailureAlerts(TeamMembers teams) {
        this.teams = teams;
    }

    public Uni<List<NewNotification>> notificationsFor(String eventId, ConversationMessageStatusChanged event) {
        if (!isFailure(event)) {
            return Uni.createFrom().item(List.of());
        }
        return teams.ownersOf(event.record()).map(owners -> notifications(eventId, event, owners));
    }

    static boolean isFailure(ConversationMessageStatusChanged event) {
        return event.status() != null && event.status().isFailure();
    }

    /** The wording, once the record's owners are known: pure, so it is tested without a database. */
    static List<NewNotification> notifications(String eventId, ConversationMessageStatusChanged event,
            Set<String> owners) {
        if (!isFailure(event)) {
            return List.of();
        }
        Set<String> recipients = new LinkedHashSet<>();
        String sender = blankToNull(event.sentBy());
        if (sender != null) {
            recipients.add(sender);
        }
        recipients.addAll(owners);
        NotificationLink link = new NotificationLink(event.conversationId(),
                event.record() == null ? null : event.record().id(),
                event.record() == null ? null : event.record().type());
        String to = E164.masked(event.customerNumber());
        String why = "was not delivered: " + reasonInWords(event.reason()) + " (" + reasonCode(event) + ")";
        List<NewNotification> notifications = new ArrayList<>();
        for (String recipient : recipients) {
            String text = recipient.equals(sender)
                    ? "Your message to " + to + " " + why
                    : "A message to " + to + " on " + InboundMessageAlerts.recordName(event.record()) + " " + why;
            notifications.add(new NewNotification(eventId, recipient, NotificationKind.OUTBOUND_FAILED, TITLE,
                    text, link));
        }
        return notifications;
    }

    /** The normalised reason in a seller's words. */
    static String reasonInWords(FailureReason reason) {
        if (reason == null) {
            return "no reason was given";
        }
        return switch (reason) {
            case InvalidSendingParameters -> "the number or the message cannot be sent as it is";
            case RecipientOptedOut -> "the recipient opted out";
            case Unreachable -> "the recipient's phone could not be reached";
            case Blocked -> "a carrier or the provider blocked it";
            case Expired -> "it expired before it could be delivered";
            case AccountProblem -> "the messaging account cannot send";
            case ProviderError -> "the provider reported an error";
        };
    }

    private static String reasonCode(ConversationMessageStatusChanged event) {
        String reason = event.reason() == null ? FailureReason.ProviderError.name() : event.reason().name();
        String code = blankToNull(event.providerCode());
        return code == null ? reason : reason + ", provider code " + code.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
