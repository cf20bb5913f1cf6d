package org.radtox.server.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.radtox.student.Student;
import org.radtox.student.finding.Evidence;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/** What a node extracts with follows the registry; holders of {@link ActiveStudent#asStudent()} follow it too. */
class ActiveStudentTest {

    /** A registry the test promotes in. */
    static final class Registry implements ActiveStudent.Registry {
        long stamp;
        Optional<ActiveStudent.Active> active = Optional.empty();

        void promote(long seq, String version) {
            active = Optional.of(new ActiveStudent.Active(seq, version));
            stamp++;
        }

        @Override
        public long changeStamp() {
            return stamp;
        }

        @Override
        public Optional<ActiveStudent.Active> active() {
            return active;
        }
    }

    /** A student that finds nocturia and says which version it is. */
    private static Student named(String version) {
        return new Student() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public List<Finding> extract(Note note) {
                return List.of(Finding.present("nocturia", 1, Evidence.of(note.text(), 0, note.text().length()))
                        .attributedTo(version));
            }
        };
    }

    @Test
    void theConfiguredStudentServesUntilAPromotionThenTheRegistryWins() {
        Registry registry = new Registry();
        ActiveStudent active = new ActiveStudent(registry, named("embedded@a"), ActiveStudentTest::named);
        Student held = active.asStudent();
        Note note = new Note("n1", "Up 3x at night.");
        assertEquals("embedded@a", held.version());
        assertEquals("embedded@a", held.extract(note).get(0).producedBy());

        registry.promote(1, "embedded@b");
        active.refresh();
        assertEquals("embedded@b", held.version(), "a holder sees the promotion without being rebuilt");
        assertEquals("embedded@b", held.extract(note).get(0).producedBy());

        registry.promote(2, "embedded@a");
        active.refresh();
        assertEquals("embedded@a", held.version(), "and the rollback");
    }

    @Test
    void aVersionThatCannotBeBuiltSaysWhy() {
        Registry registry = new Registry();
        ActiveStudent active = new ActiveStudent(registry, named("embedded@a"), id -> {
            throw new IllegalArgumentException("no module runs " + id);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> active.student("gpu@x"));
        assertTrue(e.getMessage().contains("cannot be run on this node: no module runs gpu@x"), e.getMessage());
    }
}
