package org.radtox.cds;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.radtox.cds.security.TrustedClients;

/**
 * How the CDS Hooks service runs (docs/CONFIGURATION.md, keys {@code cds.*} and {@code public-base-url}).
 *
 * @param deadline          the longest a hook call may take; after it RadTox answers with what it has, or 412
 * @param prefetchMaxBytes   the largest request body (mostly prefetched notes) accepted; larger is 413
 * @param publicBaseUrl     where clients reach RadTox ({@code https://radtox.hospital.example}): the base of the
 *                          {@code aud} a CDS client JWT must carry and of the dashboard links on cards;
 *                          {@code null} takes it from each request's own URL
 * @param smartLaunchUrl    a SMART app launch URL offered on cards as a {@code smart} link, or {@code null}
 * @param trust             the CDS clients whose JWTs are accepted
 * @param demoOpen          no JWT check at all (demo only; said loudly at start and in discovery)
 * @param corsOrigins       browser origins allowed to call ({@code *} for any); empty turns CORS off
 * @param cacheMaxNotes     notes whose findings are kept in memory (by text hash and student version)
 * @param cardRetention     how long the quotes and note texts of a card nobody gave feedback on are kept (the card's
 *                          own row, which the feedback rates count, stays); {@link Duration#ZERO} keeps them for ever
 */
public record CdsSettings(Duration deadline, long prefetchMaxBytes, URI publicBaseUrl, URI smartLaunchUrl,
                          TrustedClients trust, boolean demoOpen, List<String> corsOrigins, int cacheMaxNotes,
                          Duration cardRetention) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(2000);
    public static final long DEFAULT_PREFETCH_MAX_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_CACHE_MAX_NOTES = 5_000;
    public static final Duration DEFAULT_CARD_RETENTION = Duration.ofDays(90);
    /**
     * The shortest retention: a node remembers for a day which note texts it has stored (FeedbackStore), and a
     * text must not be purged while a node still believes it is there.
     */
    public static final Duration MIN_CARD_RETENTION = Duration.ofDays(7);

    public CdsSettings {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(trust, "trust");
        corsOrigins = List.copyOf(corsOrigins);
        if (deadline.toMillis() < 50 || deadline.toMillis() > 60_000) {
            throw new IllegalArgumentException("cds.deadline-ms must be 50..60000, not " + deadline.toMillis());
        }
        if (prefetchMaxBytes < 1024) {
            throw new IllegalArgumentException("cds.prefetch-max-bytes must be at least 1024, not " + prefetchMaxBytes);
        }
        if (cacheMaxNotes < 0) {
            throw new IllegalArgumentException("cds.cache-max-notes must be 0 or more, not " + cacheMaxNotes);
        }
        Objects.requireNonNull(cardRetention, "cardRetention");
        if (!cardRetention.isZero() && cardRetention.compareTo(MIN_CARD_RETENTION) < 0) {
            throw new IllegalArgumentException("cds.card-retention-days must be 0 (keep for ever) or at least "
                    + MIN_CARD_RETENTION.toDays() + ", not " + cardRetention.toDays());
        }
        publicBaseUrl = publicBaseUrl == null ? null : absoluteHttp(publicBaseUrl, "public-base-url");
        smartLaunchUrl = smartLaunchUrl == null ? null : absoluteHttp(smartLaunchUrl, "cds.smart-launch-url");
    }

    private static URI absoluteHttp(URI uri, String key) {
        if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, not '" + uri + "'");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration deadline = DEFAULT_DEADLINE;
        private long prefetchMaxBytes = DEFAULT_PREFETCH_MAX_BYTES;
        private URI publicBaseUrl;
        private URI smartLaunchUrl;
        private TrustedClients trust = TrustedClients.none();
        private boolean demoOpen;
        private List<String> corsOrigins = List.of("*");
        private int cacheMaxNotes = DEFAULT_CACHE_MAX_NOTES;
        private Duration cardRetention = DEFAULT_CARD_RETENTION;

        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder prefetchMaxBytes(long prefetchMaxBytes) {
            this.prefetchMaxBytes = prefetchMaxBytes;
            return this;
        }

        public Builder publicBaseUrl(URI publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
            return this;
        }

        public Builder smartLaunchUrl(URI smartLaunchUrl) {
            this.smartLaunchUrl = smartLaunchUrl;
            return this;
        }

        public Builder trust(TrustedClients trust) {
            this.trust = trust;
            return this;
        }

        public Builder demoOpen(boolean demoOpen) {
            this.demoOpen = demoOpen;
            return this;
        }

        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = corsOrigins;
            return this;
        }

        public Builder cacheMaxNotes(int cacheMaxNotes) {
            this.cacheMaxNotes = cacheMaxNotes;
            return this;
        }

        public Builder cardRetention(Duration cardRetention) {
            this.cardRetention = cardRetention;
            return this;
        }

        public CdsSettings build() {
            return new CdsSettings(deadline, prefetchMaxBytes, publicBaseUrl, smartLaunchUrl, trust, demoOpen, corsOrigins,
                    cacheMaxNotes, cardRetention);
        }
    }
}
