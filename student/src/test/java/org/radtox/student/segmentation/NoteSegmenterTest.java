package org.radtox.student.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.radtox.student.note.Note;

class NoteSegmenterTest {

    private final NoteSegmenter segmenter = NoteSegmenter.bundled();

    private List<String> clauses(String text) {
        SegmentedNote s = segmenter.segment(new Note("n", text));
        return s.clauses().stream().map(c -> c.text(text)).toList();
    }

    private SectionKind sectionOf(String text, String words) {
        SegmentedNote s = segmenter.segment(new Note("n", text));
        return s.clauseAt(text.indexOf(words)).orElseThrow().section().kind();
    }

    @Test
    void splitsSentencesButNotAbbreviationsOrDecimals() {
        assertEquals(List.of("Seen by Dr. on call today.", "Tamsulosin 0.4 mg qhs started.", "Up 3x at night."),
                clauses("Seen by Dr. on call today. Tamsulosin 0.4 mg qhs started. Up 3x at night."));
    }

    @Test
    void telegraphicLowercaseSentencesAreSplitToo() {
        assertEquals(List.of("no leak.", "voids q2h.", "nocturia 2x."), clauses("no leak. voids q2h. nocturia 2x."));
    }

    @Test
    void listItemsAndSemicolonsAreClausesAndBulletsAreDropped() {
        assertEquals(List.of("frequency q1h", "no hematuria", "2 pads/day"), clauses("- frequency q1h\n- no hematuria; 2 pads/day\n"));
    }

    @Test
    void templatedLinesKeepTheirMarkers() {
        assertEquals(List.of("GU: + frequency, - hematuria, - dysuria"), clauses("GU: + frequency, - hematuria, - dysuria"));
    }

    @Test
    void headersOpenSectionsAndAreNotPartOfClauses() {
        String note = "HPI: reports urgency.\nFamily history: father with bladder cancer.\nA/P: radiation cystitis G1.";
        assertEquals(List.of("reports urgency.", "father with bladder cancer.", "radiation cystitis G1."), clauses(note));
        assertEquals(SectionKind.SUBJECTIVE, sectionOf(note, "urgency"));
        assertEquals(SectionKind.FAMILY_HISTORY, sectionOf(note, "father"));
        assertEquals(SectionKind.ASSESSMENT, sectionOf(note, "cystitis"));
    }

    @Test
    void copiedForwardTextIsItsOwnKindOfSection() {
        String note = "Interval history (copied forward from 2032-03-01):\nup 4x at night\nToday:\nsleeps through.";
        assertEquals(SectionKind.PRIOR_NOTE, sectionOf(note, "up 4x"));
        assertEquals(SectionKind.ASSESSMENT, sectionOf(note, "sleeps"));
    }

    @Test
    void leaderDotsDoNotEndAClause() {
        assertEquals(List.of("Proctitis ........ 0"), clauses("Proctitis ........ 0"));
    }
}
