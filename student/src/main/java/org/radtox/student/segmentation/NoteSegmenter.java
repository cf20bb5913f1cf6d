package org.radtox.student.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.data.BundledJson;
import org.radtox.student.note.Note;

/**
 * Cuts a clinical note into sections (by the headers of {@code sections.json}) and clauses: sentences,
 * list items, semicolon-separated parts and lines. Header words and bullet marks are left out of the
 * clauses so that "- hematuria" in a bullet list is not read as a template's minus sign.
 */
public final class NoteSegmenter {

    private static final Pattern LINE = Pattern.compile("[^\\n]*(?:\\n|$)");
    /** Bullets and numbering at the start of a line. */
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022\u25cf\u25aa>]+|\\d{1,2}[.)](?!\\d)|\\(\\d{1,2}\\)|[a-z][.)](?=\\s))\\s+");
    /** Where a clause ends inside a line: sentence end, semicolon, a bar. */
    private static final Pattern BREAK = Pattern.compile("(?<=[^.][.!?])\\s+(?=[\"'(\\[]?[\\p{L}0-9#*+\\-\u2022])|;\\s*|\\s+\\|\\s+");
    /** Words whose period does not end a sentence. Shorthand that ends sentences ("sx.", "wks.") is not here. */
    private static final Set<String> ABBREVIATIONS = Set.of("dr", "vs", "e.g", "i.e", "approx", "b.i.d", "t.i.d",
            "q.i.d", "a.m", "p.m", "mr", "st", "fig", "ref", "est", "h/o", "s/p", "c/o", "f/u", "incl");

    private final Pattern header;
    private final List<SectionKind> groupKinds;

    private NoteSegmenter(Pattern header, List<SectionKind> groupKinds) {
        this.header = header;
        this.groupKinds = groupKinds;
    }

    public static NoteSegmenter bundled() {
        return of(BundledJson.read(NoteSegmenter.class, "sections.json", "section headers"));
    }

    static NoteSegmenter of(JsonNode rules) {
        StringBuilder regex = new StringBuilder("^[ \\t#*_>]*(?:");
        List<SectionKind> kinds = new ArrayList<>();
        var it = rules.path("kinds").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!kinds.isEmpty()) {
                regex.append('|');
            }
            kinds.add(SectionKind.valueOf(e.getKey()));
            regex.append("(?<k").append(kinds.size() - 1).append(">");
            List<String> alternatives = new ArrayList<>();
            e.getValue().forEach(p -> alternatives.add(p.asText()));
            regex.append(String.join("|", alternatives)).append(')');
        }
        // A header is followed by ':' (content may follow on the same line) or stands alone on its line.
        regex.append(")(?:[ \\t]+(?:pertinent|significant|relevant|notable|reviewed|updated|summary|includes?|positive|findings))?"
                + "[ \\t*_]*(?:\\([^)\\n]{0,60}\\))?[ \\t*_]*(?::|\\s*$)");
        return new NoteSegmenter(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), kinds);
    }

    public SegmentedNote segment(Note note) {
        String text = note.text();
        List<Section> sections = new ArrayList<>();
        List<Clause> clauses = new ArrayList<>();
        SectionKind kind = SectionKind.UNLABELED;
        String headerText = "";
        int sectionStart = 0;
        List<int[]> pending = new ArrayList<>();

        Matcher lines = LINE.matcher(text);
        while (lines.find() && lines.start() < text.length()) {
            int lineStart = lines.start();
            int lineEnd = lines.end();
            int contentStart = lineStart;
            String line = text.substring(lineStart, lineEnd);
            Matcher h = header.matcher(line);
            if (h.lookingAt()) {
                SectionKind found = kindOf(h);
                if (lineStart > sectionStart || !pending.isEmpty()) {
                    Section s = new Section(kind, headerText, sectionStart, lineStart);
                    sections.add(s);
                    pending.forEach(c -> clauses.add(new Clause(c[0], c[1], s)));
                    pending.clear();
                }
                kind = found;
                headerText = h.group().trim();
                sectionStart = lineStart;
                contentStart = lineStart + h.end();
            }
            // A dash right after a header ("ROS (GI): - diarrhea") is a template's minus, not a bullet.
            splitLine(text, contentStart, lineEnd, contentStart == lineStart, pending);
        }
        Section last = new Section(kind, headerText, sectionStart, text.length());
        sections.add(last);
        pending.forEach(c -> clauses.add(new Clause(c[0], c[1], last)));
        return new SegmentedNote(note, sections, clauses);
    }

    private SectionKind kindOf(Matcher h) {
        for (int i = 0; i < groupKinds.size(); i++) {
            if (h.group("k" + i) != null) {
                return groupKinds.get(i);
            }
        }
        return SectionKind.UNLABELED;
    }

    /** Adds the clauses of text[from, to) to {@code out}, trimmed, bullets removed. */
    private static void splitLine(String text, int from, int to, boolean lineStart, List<int[]> out) {
        Matcher b = BULLET.matcher(text).region(from, to);
        if (lineStart && b.lookingAt()) {
            from = b.end();
        }
        Matcher m = BREAK.matcher(text).region(from, to);
        int start = from;
        while (m.find()) {
            if (text.charAt(m.start() > 0 ? m.start() - 1 : 0) == '.' && isAbbreviation(text, start, m.start() - 1)) {
                continue;
            }
            addTrimmed(text, start, m.start(), out);
            start = m.end();
        }
        addTrimmed(text, start, to, out);
    }

    private static boolean isAbbreviation(String text, int clauseStart, int dot) {
        int w = dot;
        while (w > clauseStart && !Character.isWhitespace(text.charAt(w - 1))) {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT).replaceAll("^[(\"']+", "");
        return word.length() == 1 && Character.isLetter(word.charAt(0)) || ABBREVIATIONS.contains(word);
    }

    private static void addTrimmed(String text, int start, int end, List<int[]> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }
}
