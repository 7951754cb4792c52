package io.smsconversations.gateway.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The intake of send requests: bounded, in order per key, concurrent across keys, drained on shutdown. */
class SendLanesTest {

    private final List<String> started = new CopyOnWriteArrayList<>();

    @Test
    void noMoreThanMaxInFlightAreTakenUntilOneFinishes() {
        SendLanes lanes = new SendLanes(2);
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();

        CompletableFuture<CompletionStage<String>> first = admit(lanes, "k1", "a", a);
        CompletableFuture<CompletionStage<String>> second = admit(lanes, "k2", "b", b);
        CompletableFuture<CompletionStage<String>> third = admit(lanes, "k3", "c", CompletableFuture.completedFuture("c"));

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).as("no room: the consumer must not take a third record").isNotDone();
        assertThat(lanes.inFlight()).isEqualTo(2);
        b.complete("b");
        assertThat(third).isDone();
        assertThat(third.join().toCompletableFuture().join()).isEqualTo("c");
        assertThat(started).containsExactly("a", "b", "c");
    }

    @Test
    void oneKeysWorkRunsInOrderWhileOtherKeysOvertakeIt() {
        SendLanes lanes = new SendLanes(10);
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();

        CompletionStage<String> firstDone = admit(lanes, "conversation", "first", slow).join();
        CompletionStage<String> secondDone = admit(lanes, "conversation", "second", second).join();
        CompletionStage<String> otherDone = admit(lanes, "other", "other",
                CompletableFuture.completedFuture("other")).join();

        assertThat(started).containsExactly("first", "other");
        assertThat(otherDone.toCompletableFuture()).isCompletedWithValue("other");
        slow.complete("first");
        assertThat(started).containsExactly("first", "other", "second");
        assertThat(secondDone.toCompletableFuture()).isNotDone();
        second.completeExceptionally(new IllegalStateException("a failure"));
        assertThat(secondDone.toCompletableFuture()).isCompletedExceptionally();
        assertThat(firstDone.toCompletableFuture()).isCompletedWithValue("first");
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void aFailedWorkDoesNotStopItsKey() {
        SendLanes lanes = new SendLanes(10);
        admit(lanes, "k", "failing", CompletableFuture.failedFuture(new IllegalStateException("boom")));
        CompletionStage<String> next = admit(lanes, "k", "next", CompletableFuture.completedFuture("next")).join();

        assertThat(next.toCompletableFuture()).isCompletedWithValue("next");
    }

    @Test
    void drainingTakesNothingNewAndWaitsForWhatIsInFlight() throws Exception {
        SendLanes lanes = new SendLanes(10);
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        CompletionStage<String> done = admit(lanes, "k", "in flight", inFlight).join();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> lanes.drain(Duration.ofSeconds(30)));
        await().until(lanes::isDraining);

        CompletableFuture<CompletionStage<String>> late = admit(lanes, "other", "late",
                CompletableFuture.completedFuture("late"));

        assertThat(late).isNotDone();
        assertThat(drained).isNotDone();
        inFlight.complete("in flight");
        assertThat(drained.get()).isTrue();
        assertThat(done.toCompletableFuture()).isCompletedWithValue("in flight");
        assertThat(late).isNotDone();
        assertThat(started).containsExactly("in flight");
    }

    @Test
    void drainingGivesUpAtItsTimeout() {
        SendLanes lanes = new SendLanes(10);
        admit(lanes, "k", "never ends", new CompletableFuture<>());

        assertThat(lanes.drain(Duration.ofMillis(100))).isFalse();
        assertThat(lanes.inFlight()).isEqualTo(1);
    }

    @Test
    void theOldestUnfinishedWorkIsWatched() {
        SendLanes lanes = new SendLanes(10);
        assertThat(lanes.oldestAge()).isZero();
        CompletableFuture<String> work = new CompletableFuture<>();
        admit(lanes, "k", "work", work);

        await().until(() -> lanes.oldestAge().toMillis() > 0);
        work.complete("done");
        assertThat(lanes.oldestAge()).isZero();
    }

    /** Admits work that records its start and completes with {@code result}; answers the admission. */
    private CompletableFuture<CompletionStage<String>> admit(SendLanes lanes, String key, String name,
            CompletableFuture<String> result) {
        return lanes.admit(key, () -> {
            started.add(name);
            return Uni.createFrom().completionStage(result);
        }).subscribeAsCompletionStage();
    }
}
