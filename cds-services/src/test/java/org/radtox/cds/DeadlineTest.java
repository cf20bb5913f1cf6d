package org.radtox.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radtox.cds.Charts.PROCTITIS_G2;
import static org.radtox.cds.Charts.note;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/** No call ever hangs the EHR: at the deadline RadTox answers with the notes it has read, and says what it missed. */
class DeadlineTest {

    /** The embedded student, except that a note saying SLOW takes five seconds. */
    private static final class SlowOnSomeNotes implements Student {
        private final Student inner = EmbeddedStudent.bundled();

        @Override
        public String version() {
            return inner.version();
        }

        @Override
        public List<Finding> extract(Note note) {
            if (note.text().contains("SLOW")) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.extract(note);
        }
    }

    @Test
    void atTheDeadlineTheCardsComeFromTheNotesReadSoFar() throws Exception {
        CdsClientKeys client = new CdsClientKeys();
        Duration deadline = Duration.ofMillis(500);
        try (CdsServer server = CdsServer.start(CdsSettings.builder().trust(client.trust()).deadline(deadline).build(),
                new SlowOnSomeNotes(), CdsServer.h2())) {
            String path = "/cds-services/radtox-toxicity";
            // Warm up the parser and student so that the deadline measures the slow note, not class loading.
            server.post(path, Charts.patientView(note("doc-w", "2031-01-01", Charts.WEEK_4)).toString(),
                    client.token(server.url(path)).sign());
            long t0 = System.nanoTime();
            var r = server.post(path, Charts.patientView(note("doc-3", "2031-04-02", PROCTITIS_G2),
                    note("doc-slow", "2031-04-01", "SLOW dictation. Gross hematuria requiring transfusion.")).toString(),
                    client.token(server.url(path)).sign());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("1", r.headers().firstValue("RadTox-Notes-Unread").orElse(null));
            assertTrue(millis < deadline.toMillis() + 700, "answered after " + millis + " ms");
            JsonNode cards = CdsServer.json(r).get("cards");
            assertEquals(1, cards.size(), cards.toString());
            assertEquals("CTCAE grade 2 proctitis documented 2031-04-02 (new)", cards.get(0).get("summary").asText());
            assertTrue(cards.get(0).get("detail").asText().contains("1 not read within the 500 ms deadline"),
                    cards.get(0).get("detail").asText());
        }
    }
}
