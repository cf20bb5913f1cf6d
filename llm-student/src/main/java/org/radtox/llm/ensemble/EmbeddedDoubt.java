package org.radtox.llm.ensemble;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Finding;
import org.radtox.student.finding.Status;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.MentionFinder;
import org.radtox.student.note.Note;
import org.radtox.student.segmentation.NoteSegmenter;

/**
 * Whether the embedded student read a note clearly. It is in doubt when its lexicon saw a symptom the
 * note speaks of but it reported nothing for it (the words stood in a hedged, hypothetical, historical or
 * otherwise unclear context), or when it found a symptom present but could not grade it.
 */
public final class EmbeddedDoubt {

    private final NoteSegmenter segmenter = NoteSegmenter.bundled();
    private final MentionFinder mentions;

    public EmbeddedDoubt(EmbeddedStudent embedded) {
        this.mentions = new MentionFinder(embedded.lexicon());
    }

    /** The symptoms the embedded student is in doubt about in this note, given its findings. */
    public Set<String> doubtful(Note note, List<Finding> embeddedFindings) {
        Set<String> reported = embeddedFindings.stream().map(Finding::symptom).collect(Collectors.toSet());
        Set<String> doubt = mentions.find(segmenter.segment(note)).stream().map(Mention::symptom)
                .filter(s -> !reported.contains(s)).collect(Collectors.toCollection(java.util.TreeSet::new));
        embeddedFindings.stream().filter(f -> f.status() == Status.PRESENT && f.grade() == null)
                .forEach(f -> doubt.add(f.symptom()));
        return doubt;
    }
}
