package org.radtox.student.mention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.radtox.student.data.BundledJson;

/**
 * The words by which notes name each symptom: CTCAE terms, clinical synonyms, abbreviations and lay
 * phrasing, as data ({@code <symptom-set>.lexicon.json}). Refinement proposes changes to this file,
 * never to code.
 *
 * <p>Per symptom: {@code mentions} (phrases that name it), {@code absentMentions} (phrases that by
 * themselves state it is absent, e.g. "continent"), {@code exclusions} (contexts that make an
 * overlapping mention about something else, e.g. "fecal urgency" is not urinary urgency), and
 * {@code scores} (questionnaire scores with a cut-off, e.g. SHIM) and {@code contextMentions} (words that
 * name the symptom only in a clause that also speaks of its organ).
 */
public final class Lexicon {

    /** One symptom's compiled phrases. Empty patterns are {@code null}. */
    public record Entry(String symptom, PhraseSet mentions, PhraseSet absentMentions, PhraseSet exclusions,
                        List<ScoreRule> scores, List<ContextualPhrase> contextual) {
    }

    /**
     * Words that name the symptom only in the right company: "no blood" is about rectal bleeding in a
     * clause that speaks of stools, about hematuria in one that speaks of urine.
     */
    public record ContextualPhrase(PhraseSet phrase, Pattern clauseContext) {
    }

    /**
     * A score whose value decides presence, with a cut-off: a low SHIM / IIEF-5 means erectile dysfunction
     * ({@code presentAtOrBelow}); more than 2 red cells per high-power field means microscopic hematuria
     * ({@code presentAbove}).
     */
    public record ScoreRule(Pattern pattern, Integer presentAtOrBelow, Integer presentAbove) {

        public boolean present(int score) {
            return presentAtOrBelow != null ? score <= presentAtOrBelow : score > presentAbove;
        }
    }

    private final String version;
    private final Map<String, Entry> entries;

    private Lexicon(String version, Map<String, Entry> entries) {
        this.version = version;
        this.entries = entries;
    }

    public static Lexicon bundled(String symptomSetId) {
        return read(BundledJson.read(Lexicon.class, symptomSetId + ".lexicon.json", "lexicon for symptom set '" + symptomSetId + "'"));
    }

    public static Lexicon read(JsonNode root) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        var it = root.path("symptoms").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode s = e.getValue();
            List<ScoreRule> scores = new ArrayList<>();
            for (JsonNode score : s.path("scores")) {
                boolean below = score.has("presentAtOrBelow");
                if (below == score.has("presentAbove")) {
                    throw new IllegalArgumentException("score of " + e.getKey() + " needs exactly one of presentAtOrBelow, presentAbove");
                }
                scores.add(new ScoreRule(Pattern.compile(score.path("pattern").asText(), Pattern.CASE_INSENSITIVE),
                        below ? score.get("presentAtOrBelow").asInt() : null, below ? null : score.get("presentAbove").asInt()));
            }
            List<ContextualPhrase> contextual = new ArrayList<>();
            for (JsonNode c : s.path("contextMentions")) {
                contextual.add(new ContextualPhrase(PhraseSet.of(c.path("phrases")),
                        PhrasePatterns.compile(c.path("clauseContext"))));
            }
            entries.put(e.getKey(), new Entry(e.getKey(), PhraseSet.of(s.path("mentions")),
                    PhraseSet.of(s.path("absentMentions")), PhraseSet.of(s.path("exclusions")),
                    List.copyOf(scores), List.copyOf(contextual)));
        }
        return new Lexicon(root.path("version").asText("unversioned"), entries);
    }

    public String version() {
        return version;
    }

    /**
     * The same phrases under another version name: refinement names a candidate by the digest of its data,
     * and a candidate that did not change the lexicon need not compile it again.
     */
    public Lexicon withVersion(String newVersion) {
        return new Lexicon(newVersion, entries);
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(String symptom) {
        return Optional.ofNullable(entries.get(symptom));
    }
}
