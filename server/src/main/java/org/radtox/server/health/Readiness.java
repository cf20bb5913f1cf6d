package org.radtox.server.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node should get traffic, made of named checks. The checks run in the background every couple
 * of seconds, each with a few seconds to answer (one that does not is DOWN: a hung database is itself the
 * answer), and a probe reads the last report, so it answers at once. A report that stopped being refreshed
 * (the background thread starved or dead) counts as DOWN too.
 */
public final class Readiness implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

    private final List<Check> checks;
    private final ScheduledExecutorService runner;
    private final java.util.concurrent.ExecutorService checkThreads;
    private final Future<Check.Result>[] inflight;
    private final long[] startedAt;
    private volatile Report last;

    /** A report of all checks at one moment; ready unless one of them is DOWN. */
    public record Report(Instant at, List<Check.Result> checks) {
        public Check.Status status() {
            Check.Status worst = Check.Status.UP;
            for (Check.Result r : checks) {
                if (r.status().ordinal() > worst.ordinal()) {
                    worst = r.status();
                }
            }
            return worst;
        }

        public boolean ready() {
            return status() != Check.Status.DOWN;
        }
    }

    @SuppressWarnings("unchecked")
    public Readiness(List<Check> checks) {
        this.checks = List.copyOf(checks);
        this.inflight = new Future[this.checks.size()];
        this.startedAt = new long[this.checks.size()];
        this.checkThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "radtox-readiness-check");
            t.setDaemon(true);
            return t;
        });
        this.last = new Report(Instant.now(), this.checks.stream()
                .map(c -> new Check.Result(c.name(), Check.Status.DOWN, "not checked yet")).toList());
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radtox-readiness");
            t.setDaemon(true);
            return t;
        });
        // Once now, so a node is never asked before its first answer exists, then in the background.
        refresh();
        runner.scheduleWithFixedDelay(this::refresh, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs every check (the constructor once, then the background thread only); a check that does not answer in time counts as DOWN. */
    private Report refresh() {
        List<Check.Result> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            results.add(run(i));
        }
        Report report = new Report(Instant.now(), List.copyOf(results));
        Report before = last;
        last = report;
        logChanges(before, report);
        return report;
    }

    /**
     * Runs check i on its own thread and waits a few seconds: a pool waiting 30 s for a connection to a database that
     * is gone must not hold up the other checks or the report. A check still running from before is not started again.
     */
    private Check.Result run(int i) {
        Check check = checks.get(i);
        Future<Check.Result> f = inflight[i];
        if (f == null || f.isDone()) {
            f = checkThreads.submit(check::run);
            inflight[i] = f;
            startedAt[i] = System.nanoTime();
        }
        try {
            return f.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            long waited = Duration.ofNanos(System.nanoTime() - startedAt[i]).toSeconds();
            return new Check.Result(check.name(), Check.Status.DOWN, "no answer for " + Math.max(waited, ANSWER_WITHIN.toSeconds())
                    + " s");
        } catch (ExecutionException e) {
            return new Check.Result(check.name(), Check.Status.DOWN, "check failed: " + Causes.innermost(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check.Result(check.name(), Check.Status.DOWN, "interrupted");
        }
    }

    /** The latest report; DOWN when the checks have not completed for a while. */
    public Report current() {
        Report r = last;
        Duration age = Duration.between(r.at(), Instant.now());
        if (age.compareTo(STALE_AFTER) > 0) {
            return new Report(r.at(), List.of(new Check.Result("checks", Check.Status.DOWN,
                    "the readiness checks have not completed for " + age.toSeconds() + " s")));
        }
        return r;
    }

    /** One line on stderr whenever a check changes state: the operator's log says when and why readiness flipped. */
    private static void logChanges(Report before, Report now) {
        for (Check.Result r : now.checks()) {
            Check.Status was = before.checks().stream().filter(b -> b.name().equals(r.name())).map(Check.Result::status)
                    .findFirst().orElse(null);
            boolean firstOk = was == Check.Status.DOWN && r.status() == Check.Status.UP
                    && before.checks().stream().allMatch(b -> "not checked yet".equals(b.message()));
            if (was != r.status() && !firstOk) {
                System.err.println("radtox: readiness: " + r.name() + " " + r.status() + ": " + r.message());
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
        checkThreads.shutdownNow();
    }
}
