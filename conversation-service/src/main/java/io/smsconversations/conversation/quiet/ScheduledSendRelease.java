package io.smsconversations.conversation.quiet;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smsconversations.restproblems.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smsconversations.conversation.send.Sender;
import io.smsconversations.events.LogSafe;
import io.vertx.mutiny.core.Vertx;

/**
 * Releases scheduled sends that are due, every {@code conversation.quiet-hours.release-interval}, on every replica:
 * each row in its own transaction that claims it ({@link ScheduledSends#claim}) and runs the send's checks again for
 * the seller who asked. It becomes the message (status {@code SENT}), or, when a check refuses it now (the customer
 * opted out meanwhile, the number is no longer the seller's), {@code REFUSED} with that problem's type and detail;
 * back outside the window (a late release), it waits for the next opening. A database outage fails the pass: the row
 * stays {@code SCHEDULED} and the next pass tries again.
 */
@ApplicationScoped
public class ScheduledSendRelease {

    private static final Logger LOG = Logger.getLogger(ScheduledSendRelease.class);

    private final ScheduledSends sends;
    private final Sender sender;
    private final QuietHoursConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public ScheduledSendRelease(ScheduledSends sends, Sender sender, QuietHoursConfig config, Vertx vertx,
            MeterRegistry registry) {
        this.sends = sends;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(config.releaseInterval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * One pass at a time per replica. Hibernate Reactive needs a safe Vert.x context, which
     * {@link VertxContextSupport#subscribe} makes, but it may not be called on an event loop (where the timer fires):
     * so it is called from a worker thread, and the pass itself then runs on its new context without blocking.
     */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Infrastructure.getDefaultWorkerPool().execute(this::subscribePass);
        } catch (RuntimeException e) {
            running.set(false);
            LOG.warnf("Releasing scheduled sends could not start (retried in %s): %s", config.releaseInterval(),
                    LogSafe.failure(e));
        }
    }

    private void subscribePass() {
        try {
            VertxContextSupport.subscribe(() -> Multi.createFrom().uni(pass()), subscribe -> subscribe.with(
                    released -> {
                        if (released > 0) {
                            LOG.debugf("Released %d scheduled send(s)", released);
                        }
                    },
                    failure -> {
                        running.set(false);
                        LOG.warnf("Releasing scheduled sends failed (retried in %s): %s", config.releaseInterval(),
                                LogSafe.failure(failure));
                    },
                    () -> running.set(false)));
        } catch (RuntimeException e) {
            running.set(false);
            LOG.warnf("Releasing scheduled sends could not start (retried in %s): %s", config.releaseInterval(),
                    LogSafe.failure(e));
        }
    }

    /** Releases what is due now; answers how many rows this replica settled (sent or refused). */
    public Uni<Integer> pass() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sends.due(now, config.releaseBatch())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::releaseOne)
                        .collect().asList()
                        .map(settled -> (int) settled.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> releaseOne(UUID id) {
        return Panache.withTransaction(() -> sends.claim(id).chain(send -> send == null
                ? Uni.createFrom().item(false)
                : sender.release(send)
                        .map(released -> {
                            if (released.message() == null) {
                                return later(send, released.notYet());
                            }
                            send.status = ScheduledSend.SENT;
                            send.messageId = released.message().id;
                            send.releasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            count("sent");
                            LOG.infof("Released scheduled send %s as message %s", send.id, send.messageId);
                            return true;
                        })
                        .onFailure(ScheduledSendRelease::isRefusal).recoverWithItem(failure -> refuse(send, failure))));
    }

    private boolean later(ScheduledSend send, Verdict verdict) {
        if (verdict.allowedFrom() == null) {
            return refuse(send, new IllegalStateException("no opening"));
        }
        send.dueAt = verdict.allowedFrom().truncatedTo(ChronoUnit.MICROS);
        count("postponed");
        LOG.infof("Scheduled send %s is outside the window again: kept for %s", send.id, send.dueAt);
        return false;
    }

    private boolean refuse(ScheduledSend send, Throwable failure) {
        send.status = ScheduledSend.REFUSED;
        send.releasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (failure instanceof HttpProblem problem) {
            URI type = problem.getType();
            send.refusalType = type == null ? "status-" + problem.getStatusCode()
                    : type.toString().replace(Problem.TYPE_BASE, "");
            send.refusalDetail = cut(problem.getDetail());
        } else if (failure instanceof WebApplicationException refusal) {
            send.refusalType = "status-" + refusal.getResponse().getStatus();
            send.refusalDetail = cut(refusal.getMessage());
        } else {
            send.refusalType = "quiet-hours";
            send.refusalDetail = "the recipient's zones never share an hour of the organisation's window";
        }
        count("refused");
        LOG.infof("Scheduled send %s refused at its release: %s", send.id, send.refusalType);
        return true;
    }

    /** A send's own refusal (a problem with a status under 500): settled. Anything else fails the pass. */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof HttpProblem problem ? problem.getStatusCode() < 500
                : failure instanceof WebApplicationException refusal && refusal.getResponse().getStatus() < 500;
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private void count(String outcome) {
        registry.counter("conversation.scheduled.sends.released", "outcome", outcome).increment();
    }
}
