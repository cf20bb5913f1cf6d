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
}
