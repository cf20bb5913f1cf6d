package org.radtox.llm.retrieval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.radtox.student.mention.Lexicon;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.MentionFinder;
import org.radtox.student.note.Note;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.NoteSegmenter;
import org.radtox.student.segmentation.SegmentedNote;

/**
 * Finds the gold examples most like a note, to fill the prompt's few-shot slots. The query is the note's
 * clauses where the embedded lexicon sees a symptom (what the examples should be about, not the note's
 * header), cut at {@code maxQueryChars} since embedding time grows with the text; a note with no such
 * clause is queried by its start.
 */
public final class ExampleRetriever {

    private final Embedder embedder;
    private final ExampleIndex index;
    private final int k;
    private final int maxQueryChars;
    private final NoteSegmenter segmenter = NoteSegmenter.bundled();
    private final MentionFinder mentions;

    public ExampleRetriever(Embedder embedder, ExampleIndex index, int k, int maxQueryChars, Lexicon lexicon) {
        if (k < 1) {
            throw new IllegalArgumentException("retrieval needs k >= 1, not " + k);
        }
        this.embedder = embedder;
        this.index = index;
        this.k = k;
        this.maxQueryChars = maxQueryChars;
        this.mentions = new MentionFinder(lexicon);
    }

    public String indexVersion() {
        return index.version();
    }

    public List<GoldExample> examplesFor(String noteText) {
        return index.nearest(embedder.embed(query(noteText)), k);
    }

    /** The text a note part is searched by. */
    public String query(String text) {
        SegmentedNote segmented = segmenter.segment(new Note("query", text));
        Set<Clause> clauses = new LinkedHashSet<>();
        for (Mention m : mentions.find(segmented)) {
            segmented.clauseAt(m.start()).ifPresent(clauses::add);
        }
        StringBuilder q = new StringBuilder();
        for (Clause c : clauses) {
            if (q.length() >= maxQueryChars) {
                break;
            }
            q.append(q.length() == 0 ? "" : " ").append(c.text(text).strip());
        }
        String query = q.length() == 0 ? text : q.toString();
        return query.length() <= maxQueryChars ? query : query.substring(0, maxQueryChars);
    }
}
