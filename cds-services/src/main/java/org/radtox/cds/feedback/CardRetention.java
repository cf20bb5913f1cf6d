package org.radtox.cds.feedback;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code cds.card-retention-days} once an hour: the quotes and note texts of cards nobody gave feedback
 * on go once they are older than the retention (FeedbackStore#purgeUnanswered). Every node runs it; the deletes
 * are the same whoever runs them first.
 */
public final class CardRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CardRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final FeedbackStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public CardRetention(FeedbackStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radtox-cds-card-retention");
            t.setDaemon(true);
            return t;
        });
        // The first run waits a minute: a starting node has more urgent work than old cards.
        timer.scheduleWithFixedDelay(this::runOnce, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** One purge now; a failure is logged and the next hour tries again. */
    public FeedbackStore.Purged runOnce() {
        try {
            FeedbackStore.Purged purged = store.purgeUnanswered(clock.instant().minus(retention));
            if (purged.quotes() > 0 || purged.noteTexts() > 0) {
                log.info("CDS card retention ({} days): removed {} quotes and {} note texts of cards without feedback",
                        retention.toDays(), purged.quotes(), purged.noteTexts());
            }
            return purged;
        } catch (java.sql.SQLException | RuntimeException e) {
            log.warn("CDS card retention: {} (tried again in an hour)", e.toString());
            return new FeedbackStore.Purged(0, 0);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
