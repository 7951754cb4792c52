package io.smsconversations.gateway.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The simulated Twilio account's messages, in memory and bounded (the oldest are forgotten first), so the simulator
 * can answer the Messages API's list the way Twilio does: what the gateway asks when a send's outcome is unknown.
 */
@ApplicationScoped
public class SimulatedMessages {

    /** One message as Twilio's Message resource describes it. */
    public record Message(String sid, String accountSid, String from, String to, String body, String status,
            Instant dateCreated, Instant dateSent) {

        Message withStatus(String next, Instant at) {
            return new Message(sid, accountSid, from, to, body, next, dateCreated,
                    dateSent == null && !"queued".equals(next) ? at : dateSent);
        }
    }

    /** The list's filters; null means "any". {@code DateSent} compares the UTC date of {@code date_sent}. */
    public record Filter(String to, String from, LocalDate sentOn, LocalDate sentOnOrBefore,
            LocalDate sentOnOrAfter) {

        Predicate<Message> predicate() {
            return message -> (to == null || to.equals(message.to()))
                    && (from == null || from.equals(message.from()))
                    && dateMatches(message.dateSent());
        }

        private boolean dateMatches(Instant sent) {
            if (sentOn == null && sentOnOrBefore == null && sentOnOrAfter == null) {
                return true;
            }
            if (sent == null) {
                return false;
            }
            LocalDate day = sent.atZone(ZoneOffset.UTC).toLocalDate();
            return (sentOn == null || day.equals(sentOn))
                    && (sentOnOrBefore == null || !day.isAfter(sentOnOrBefore))
                    && (sentOnOrAfter == null || !day.isBefore(sentOnOrAfter));
        }
    }

    private final int retained;
    private final Map<String, Message> bySid = new HashMap<>();
    private final Deque<String> order = new ArrayDeque<>();

    @Inject
    public SimulatedMessages(SimulatorConfig config) {
        this.retained = Math.max(1, config.retainedMessages());
    }

    public synchronized void add(Message message) {
        bySid.put(message.sid(), message);
        order.addLast(message.sid());
        while (order.size() > retained) {
            bySid.remove(order.removeFirst());
        }
    }

    public synchronized void status(String sid, String status, Instant at) {
        bySid.computeIfPresent(sid, (ignored, message) -> message.withStatus(status, at));
    }

    /** The matching messages, newest first (as Twilio lists them), at most {@code pageSize}. */
    public synchronized List<Message> list(Filter filter, int pageSize) {
        List<Message> matching = new ArrayList<>();
        Predicate<Message> matches = filter.predicate();
        order.descendingIterator().forEachRemaining(sid -> {
            Message message = bySid.get(sid);
            if (message != null && matches.test(message)) {
                matching.add(message);
            }
        });
        matching.sort(Comparator.comparing(Message::dateCreated).reversed());
        return matching.subList(0, Math.min(pageSize, matching.size()));
    }
}
