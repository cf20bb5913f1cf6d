package org.radtox.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Readiness is the worst of its named checks; a DEGRADED check keeps the node in service; a hung check is DOWN. */
class ReadinessTest {

    static Check check(String name, Supplier<Check.Result> result) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run() {
                return result.get();
            }
        };
    }

    @Test
    void aDegradedCheckKeepsTheNodeReady_aDownOneDoesNot() {
        try (Readiness degraded = new Readiness(List.of(check("database", () -> Check.Result.up("database", "answers")),
                check("extraction", () -> new Check.Result("extraction", Check.Status.DEGRADED, "model server down"))))) {
            assertEquals(Check.Status.DEGRADED, degraded.current().status());
            assertTrue(degraded.current().ready());
        }
        try (Readiness down = new Readiness(List.of(check("database", () -> new Check.Result("database", Check.Status.DOWN, "refused")),
                check("extraction", () -> new Check.Result("extraction", Check.Status.DEGRADED, "model server down"))))) {
            assertEquals(Check.Status.DOWN, down.current().status());
            assertFalse(down.current().ready());
            assertEquals("refused", down.current().checks().get(0).message());
        }
    }

    @Test
    void aCheckThatHangsIsDownWithoutHoldingUpTheOthers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        long t0 = System.nanoTime();
        try (Readiness r = new Readiness(List.of(check("database", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Check.Result.up("database", "late");
        }), check("data-dir", () -> Check.Result.up("data-dir", "writable"))))) {
            Readiness.Report report = r.current();
            assertTrue((System.nanoTime() - t0) / 1e9 < 10, "answered within the check's time limit");
            assertFalse(report.ready());
            assertTrue(report.checks().get(0).message().startsWith("no answer for"), report.toString());
            assertEquals(Check.Status.UP, report.checks().get(1).status());
        } finally {
            never.countDown();
        }
    }

    @Test
    void anExceptionInACheckIsDownWithItsMessage() {
        try (Readiness r = new Readiness(List.of(check("data-dir", () -> {
            throw new IllegalStateException("disk gone");
        })))) {
            assertEquals("check failed: disk gone", r.current().checks().get(0).message());
            assertFalse(r.current().ready());
        }
    }
}
