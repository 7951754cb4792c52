package io.smsconversations.consumers;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings work back onto the Vert.x context it started on. Hibernate Reactive must run on the context a record (or a
 * request) arrived on, while Mutiny's backoff timers and the Kafka producer's acknowledgements complete on other
 * threads: {@code runSubscriptionOn(CallerContext.executor())} before a retry, {@code emitOn(...)} after a send.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** Runs tasks on the caller's Vert.x context, or in place when there is none (plain unit tests). */
    public static Executor executor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
