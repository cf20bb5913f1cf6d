package org.radtox.server.extraction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class JobArrivalsTest {

    @Test
    void anIdleWorkerWakesWhenAJobArrivesNotAtTheEndOfItsWait() throws Exception {
        JobArrivals arrivals = new JobArrivals();
        long seen = arrivals.seen();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                arrivals.awaitAfter(seen, Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertTrue(!waiting.isDone(), "nothing arrived yet: the worker waits");
        arrivals.arrived();
        waiting.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aJobThatArrivedWhileTheWorkerLookedAtTheQueueIsNotSleptThrough() throws Exception {
        JobArrivals arrivals = new JobArrivals();
        long seen = arrivals.seen();
        arrivals.arrived(); // between the worker's look at the queue and its wait
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                arrivals.awaitAfter(seen, Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.get(30, TimeUnit.SECONDS);
    }

    @Test
    void withoutArrivalsTheWaitEndsWithItsTimeout() throws Exception {
        JobArrivals arrivals = new JobArrivals();
        long t0 = System.nanoTime();
        arrivals.awaitAfter(arrivals.seen(), Duration.ofMillis(200));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(200).toNanos(), "returned before its timeout");
    }
}
