package io.smsconversations.conversation.consume;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.attach.AttachRetryConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a consumed record's work with the retries of {@code conversation.attach.retry.*} (exponential backoff), for
 * every consumer of this service: a transient failure (database or broker unavailable) is retried, and what still
 * fails is the caller's to dead-letter.
 */
@ApplicationScoped
public class RecordRetries {

    @Inject
    AttachRetryConfig retry;

    /**
     * Subscribes {@code work} now and again after each failure, up to the configured retries. Call it on the record's
     * Vert.x context (in the {@code @Incoming} method): Hibernate Reactive must run there, also when a retry resumes
     * after a backoff timer on another thread, so every (re)subscription hops back onto it.
     */
    public <T> Uni<T> retried(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(onCurrentContext())
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).atMost(retry.maxRetries());
    }

    public int maxRetries() {
        return retry.maxRetries();
    }

    private static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
