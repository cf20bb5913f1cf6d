package org.radtox.server.dashboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import org.radtox.cds.feedback.Feedback;
import org.radtox.cds.feedback.FeedbackStore;

/** Feedback rates per student version, read from the CDS service's own tables as it writes them. */
class FeedbackRatesTest {

    @Test
    void cardsAcceptedAndOverriddenAreCountedPerStudentVersionWithTheReasons() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:feedback-rates;DB_CLOSE_DELAY=-1");
        FeedbackStore store = new FeedbackStore(db);
        store.createTables();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        // Three cards issued by version A, one by version B (the cards as the CDS service records them).
        for (String[] card : List.of(new String[] {"c1", "A"}, new String[] {"c2", "A"}, new String[] {"c3", "A"}, new String[] {"c4", "B"})) {
            jdbc.update("INSERT INTO radtox_cds_card (card_uuid, service_id, hook, hook_instance, patient_id, student_version, indicator, "
                    + "summary, issued_at) VALUES (?, 'radtox-toxicities', 'patient-view', 'h', 'p1', ?, 'info', 's', CURRENT_TIMESTAMP)",
                    card[0], card[1]);
        }
        Instant now = Instant.parse("2031-05-01T10:00:00Z");
        store.recordFeedback("radtox-toxicities", List.of(
                new Feedback("c1", Feedback.Outcome.ACCEPTED, List.of("s1"), null, now),
                new Feedback("c2", Feedback.Outcome.OVERRIDDEN, List.of(), new Feedback.OverrideReason("http://example.org/reasons",
                        "wrong-grade", "The grade is wrong", null), now),
                new Feedback("c4", Feedback.Outcome.OVERRIDDEN, List.of(), null, now)), now);

        List<FeedbackRates.VersionFeedback> rates = new FeedbackRates(jdbc).byStudentVersion();

        assertEquals(List.of(
                new FeedbackRates.VersionFeedback("A", 3, 2, 1, 1, List.of(new FeedbackRates.Reason("wrong-grade", "The grade is wrong", 1))),
                new FeedbackRates.VersionFeedback("B", 1, 1, 0, 1, List.of(new FeedbackRates.Reason(null, "no reason given", 1)))), rates);
    }
}
