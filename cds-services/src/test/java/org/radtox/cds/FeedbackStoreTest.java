package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.radtox.cds.cards.IssuedCard;
import org.radtox.cds.cards.WrittenCards;
import org.radtox.cds.feedback.Feedback;
import org.radtox.cds.feedback.FeedbackRecord;
import org.radtox.cds.feedback.FeedbackStore;
import org.radtox.cds.feedback.IssuedCalls;

/**
 * The feedback tables on both stores the server runs on: the embedded H2 and PostgreSQL (the throwaway cluster
 * scripts/test starts; skipped when there is none). Created idempotently, even by several nodes at once.
 */
class FeedbackStoreTest {

    static Stream<Arguments> stores() {
        List<Arguments> stores = new ArrayList<>();
        stores.add(Arguments.of("H2", CdsServer.h2()));
        String url = System.getenv("RADTOX_TEST_JDBC_URL");
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            stores.add(Arguments.of("PostgreSQL", pg));
        }
        return stores.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void tablesAreCreatedIdempotentlyEvenByNodesStartingTogether(String name, DataSource db) throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(nodes.submit(() -> new FeedbackStore(db).createTables()));
            }
            for (Future<?> f : starts) {
                f.get();
            }
        } finally {
            nodes.shutdown();
        }
        new FeedbackStore(db).createTables();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void cardsFeedbackAndNoteTextsRoundTrip(String name, DataSource db) throws Exception {
        FeedbackStore store = new FeedbackStore(db);
        store.createTables();
        String card = UUID.randomUUID().toString();
        String suggestion = UUID.randomUUID().toString();
        String sha = UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
        IssuedCard issued = new IssuedCard(card, "warning", "CTCAE grade 2 proctitis documented 2031-04-02 (new)", List.of(
                new IssuedCard.Finding(suggestion, "proctitis", "present", 2, "new", "DocumentReference/doc-3/_history/1",
                        "2031-04-02", sha, "proctitis grade 2", 10, 27),
                new IssuedCard.Finding(null, "diarrhea", "present", null, "new", "DocumentReference/doc-3/_history/1",
                        "2031-04-02", sha, "loose stools", 30, 42)));
        try (IssuedCalls calls = new IssuedCalls(store, 10)) {
            WrittenCards written = new WrittenCards(List.of(), List.of(issued), Map.of(sha, "Week 6. ... proctitis grade 2 ..."), 0);
            calls.remember(new IssuedCalls.Call("radtox-toxicity", "patient-view", "hook-1", "p-1", "embedded@test",
                    Instant.parse("2031-04-02T10:30:00Z"), written));
            // The same note quoted again by a later call is stored once.
            calls.remember(new IssuedCalls.Call("radtox-toxicity", "patient-view", "hook-2", "p-1", "embedded@test",
                    Instant.parse("2031-04-02T10:31:00Z"), new WrittenCards(List.of(), List.of(new IssuedCard(
                            UUID.randomUUID().toString(), "info", "x", List.of())), Map.of(sha, "Week 6. ... proctitis grade 2 ..."), 0)));
            assertTrue(calls.flush(Duration.ofSeconds(10)));
        }
        Feedback accepted = new Feedback(card, Feedback.Outcome.ACCEPTED, List.of(suggestion), null, Instant.parse("2031-04-02T11:00:00Z"));
        Feedback overridden = new Feedback(card, Feedback.Outcome.OVERRIDDEN, List.of(),
                new Feedback.OverrideReason("http://radtox.org/fhir/CodeSystem/cds-override-reason", "wrong-grade", null, "grade 1"),
                Instant.parse("2031-04-02T11:05:00Z"));
        store.recordFeedback("radtox-toxicity", List.of(accepted, overridden, accepted), Instant.now());
        store.recordFeedback("radtox-toxicity", List.of(overridden), Instant.now());

        List<FeedbackRecord> mine = store.list(100_000).stream().filter(r -> r.feedback().card().equals(card)).toList();
        assertEquals(2, mine.size(), "each entry once, however often it was sent");
        FeedbackRecord latest = mine.get(0);
        assertEquals(Feedback.Outcome.OVERRIDDEN, latest.feedback().outcome());
        assertEquals("wrong-grade", latest.feedback().overrideReason().code());
        assertEquals("grade 1", latest.feedback().overrideReason().userComment());
        assertEquals(Instant.parse("2031-04-02T11:05:00Z"), latest.feedback().outcomeTimestamp());
        assertEquals("embedded@test", latest.studentVersion());
        assertEquals(List.of("diarrhea", "proctitis"), latest.findings().stream().map(IssuedCard.Finding::symptom).toList());
        assertEquals(null, latest.findings().get(0).grade(), "an ungraded finding stays ungraded");
        assertEquals(List.of(suggestion), mine.get(1).feedback().acceptedSuggestions());
        assertEquals("Week 6. ... proctitis grade 2 ...", store.noteText(sha).orElseThrow());
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void retentionRemovesOldUnansweredQuotesAndTheirNoteTexts_keepingCardsWithFeedbackAndRecentOnes(String name, DataSource db)
            throws Exception {
        FeedbackStore store = new FeedbackStore(db);
        store.createTables();
        String onlyOld = sha();
        String sharedWithRecent = sha();
        String answered = sha();
        String unanswered = UUID.randomUUID().toString();
        String withFeedback = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        try (IssuedCalls calls = new IssuedCalls(store, 10)) {
            calls.remember(call(Instant.parse("2020-01-01T10:00:00Z"), card(unanswered, onlyOld, sharedWithRecent)));
            calls.remember(call(Instant.parse("2020-01-01T10:00:00Z"), card(withFeedback, answered)));
            calls.remember(call(Instant.parse("2031-04-02T10:00:00Z"), card(recent, sharedWithRecent)));
            assertTrue(calls.flush(Duration.ofSeconds(10)));
        }
        store.recordFeedback("radtox-toxicity", List.of(new Feedback(withFeedback, Feedback.Outcome.ACCEPTED, List.of(), null,
                Instant.parse("2020-01-02T10:00:00Z"))), Instant.now());

        FeedbackStore.Purged purged = store.purgeUnanswered(Instant.parse("2025-01-01T00:00:00Z"));

        assertEquals(2, purged.quotes(), "the two quotes of the old card nobody answered");
        assertTrue(store.noteText(onlyOld).isEmpty(), "a note text only that card quoted is gone");
        assertTrue(store.noteText(sharedWithRecent).isPresent(), "a recent card still quotes it");
        assertTrue(store.noteText(answered).isPresent(), "a card with feedback keeps its evidence");
        try (var c = db.getConnection(); var q = c.prepareStatement("SELECT COUNT(*) FROM radtox_cds_card WHERE card_uuid = ?")) {
            q.setString(1, unanswered);
            try (var rs = q.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the card itself stays: the feedback rates count cards issued");
            }
        }
        assertEquals(0, store.purgeUnanswered(Instant.parse("2025-01-01T00:00:00Z")).quotes(), "a second run finds nothing more");
    }

    private static String sha() {
        return UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
    }

    /** A card with one finding quoted from each of these notes (by text hash). */
    private static WrittenCards card(String uuid, String... noteShas) {
        List<IssuedCard.Finding> findings = new ArrayList<>();
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        String[] symptoms = {"proctitis", "diarrhea"};
        for (int i = 0; i < noteShas.length; i++) {
            findings.add(new IssuedCard.Finding(null, symptoms[i], "present", 1, "new", "DocumentReference/d-" + i + "/_history/1",
                    "2031-04-02", noteShas[i], "loose stools", 0, 12));
            texts.put(noteShas[i], "loose stools, note " + noteShas[i]);
        }
        return new WrittenCards(List.of(), List.of(new IssuedCard(uuid, "info", "CTCAE grade 1", findings)), texts, 0);
    }

    private static IssuedCalls.Call call(Instant at, WrittenCards cards) {
        return new IssuedCalls.Call("radtox-toxicity", "patient-view", "hook-" + UUID.randomUUID(), "p-1", "embedded@test", at, cards);
    }
}
