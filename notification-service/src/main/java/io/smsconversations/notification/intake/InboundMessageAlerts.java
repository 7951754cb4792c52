package io.smsconversations.notification.intake;

import java.util.ArrayList;
import java.util.List;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.E164;
import io.smsconversations.events.RecordRef;
import io.smsconversations.notification.inbox.NewNotification;
import io.smsconversations.notification.inbox.NotificationKind;
import io.smsconversations.notification.inbox.NotificationLink;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The notifications an inbound message makes: one per alert recipient. A recipient without the Seller privilege
 * learns that a reply was stored but not what it says (SPEC §4).
 */
@ApplicationScoped
public class InboundMessageAlerts {

    /** How much of the body the notification shows. */
    static final int PREVIEW_LENGTH = 80;

    public List<NewNotification> notificationsFor(String eventId, ConversationMessageAdded event) {
        NotificationLink link = new NotificationLink(event.conversationId(),
                event.record() == null ? null : event.record().id(),
                event.record() == null ? null : event.record().type());
        String from = E164.masked(event.customerNumber());
        String record = recordName(event.record());
        List<NewNotification> notifications = new ArrayList<>();
        for (AlertRecipient recipient : event.alerts()) {
            if (recipient == null || recipient.sellerId() == null || recipient.sellerId().isBlank()) {
                continue;
            }
            notifications.add(recipient.sellerPrivilege()
                    ? new NewNotification(eventId, recipient.sellerId(), NotificationKind.INBOUND_MESSAGE,
                            "New SMS from " + from, record + ": " + preview(event.body()), link)
                    : new NewNotification(eventId, recipient.sellerId(), NotificationKind.MISSING_SELLER_PRIVILEGE,
                            "SMS reply stored: Seller privilege missing",
                            "A reply from " + from + " was stored on " + record + ", but you lack the Seller SMS"
                                    + " privilege needed to read and answer it. Please contact your administrator"
                                    + " to get it.",
                            link));
        }
        return notifications;
    }

    static String recordName(RecordRef record) {
        if (record == null || record.name() == null || record.name().isBlank()) {
            return "an unnamed record";
        }
        return record.name().strip();
    }

    /** The start of the body on one line, at most {@link #PREVIEW_LENGTH} characters, never cutting a character. */
    static String preview(String body) {
        if (body == null || body.isBlank()) {
            return "(no text)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= PREVIEW_LENGTH) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, PREVIEW_LENGTH)) + "…";
    }
}
