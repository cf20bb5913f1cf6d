package org.radtox.server.extraction;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import org.radtox.server.students.ActiveStudent;

/**
 * Each node's share of switching student versions: it reads the registry every poll interval, starts the
 * backfill of a newly active version (once per registry event, whichever node is first), advances the
 * running backfill a chunk at a time, and publishes its progress as metrics.
 */
public final class BackfillDriver implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillDriver.class);

    private final ActiveStudent student;
    private final Backfills backfills;
    private final Duration poll;
    private final MultiGauge progress;
    private final MultiGauge active;
    private ScheduledExecutorService timer;
    private volatile long startedFor;

    public BackfillDriver(ActiveStudent student, Backfills backfills, Duration poll, MeterRegistry registry) {
        this.student = student;
        this.backfills = backfills;
        this.poll = poll;
        this.progress = MultiGauge.builder("radtox_backfill_notes")
                .description("Notes of the latest backfill: total stored when it started, enqueued, done, failed, waiting")
                .register(registry);
        this.active = MultiGauge.builder("radtox_active_student").description("1 for the student version this node extracts with")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radtox-backfill");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(quietly("reading the version registry", student::refresh), 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(quietly("advancing the backfill", this::tick), 0, 1, TimeUnit.SECONDS);
    }

    /** Starts the active version's backfill if nobody has, enqueues what may be enqueued, updates the metrics. */
    void tick() {
        ActiveStudent.Active now = student.current();
        if (now.eventSeq() > 0 && now.eventSeq() != startedFor) {
            if (backfills.start(now.eventSeq(), now.version())) {
                LOG.info("backfill started: every stored note is extracted again with {} (registry event {})", now.version(),
                        now.eventSeq());
            }
            startedFor = now.eventSeq();
        }
        // A few chunks per tick at most: the throttle in advance() stops it once two chunks wait.
        for (int i = 0; i < 3 && backfills.advance() > 0; i++) {
            // keep going while chunks are taken
        }
        publish(now);
    }

    private void publish(ActiveStudent.Active now) {
        active.register(List.of(MultiGauge.Row.of(Tags.of("version", now.version()), 1)), true);
        List<Backfills.Status> latest = backfills.recent(1);
        if (latest.isEmpty()) {
            return;
        }
        Backfills.Status b = latest.get(0);
        Tags tags = Tags.of("version", b.studentVersion(), "backfill", String.valueOf(b.id()));
        progress.register(List.of(MultiGauge.Row.of(tags.and("state", "total"), b.total()),
                MultiGauge.Row.of(tags.and("state", "enqueued"), b.enqueued()), MultiGauge.Row.of(tags.and("state", "done"), b.done()),
                MultiGauge.Row.of(tags.and("state", "failed"), b.failed()), MultiGauge.Row.of(tags.and("state", "waiting"), b.waiting())),
                true);
    }

    private static Runnable quietly(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                // The database may be briefly away; the next round tries again.
                LOG.warn("{}: {}", what, e.toString());
            }
        };
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
