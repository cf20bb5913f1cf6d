package org.radtox.cds.invocation;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.radtox.student.Student;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;

/**
 * The student's findings by note text and student version: a chart opened again, or a note that reappears in
 * the next patient-view, is not read twice. Keyed by the text's SHA-256, so a changed note is read again; keyed
 * by the student version, so a promoted student reads every note afresh. Bounded (least recently used out).
 */
final class FindingsCache {

    private record Key(String textSha256, String studentVersion) {
    }

    private final Cache<Key, List<Finding>> cache;

    FindingsCache(int maxNotes) {
        this.cache = Caffeine.newBuilder().maximumSize(maxNotes).build();
    }

    /** @throws org.radtox.student.UnreadableNoteException when the student refuses the note (never cached) */
    List<Finding> findings(Student student, String text, String textSha256) {
        Key key = new Key(textSha256, student.version());
        List<Finding> cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // Read outside the cache: a computing cache locks a whole bin of keys while one slow note is read, and
        // other notes must not wait for it. Two calls reading the same new note at once both read it; both agree.
        List<Finding> findings = List.copyOf(student.extract(new Note(textSha256, text)));
        cache.put(key, findings);
        return findings;
    }
}
