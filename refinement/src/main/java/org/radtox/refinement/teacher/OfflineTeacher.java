package org.radtox.refinement.teacher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.radtox.refinement.candidate.CandidateScreen;
import org.radtox.refinement.candidate.Edit;
import org.radtox.refinement.candidate.Edit.LexiconRole;
import org.radtox.refinement.candidate.Edit.Side;
import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.evaluation.NoteResult;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.goldset.Label;
import org.radtox.refinement.goldset.LabelStatus;
import org.radtox.refinement.teacher.ErrorCase.Kind;
import org.radtox.refinement.teacher.PhraseIndex.Word;
import org.radtox.refinement.teacher.TeacherAnswer.StrategyChoice;
import org.radtox.student.assertion.AssertionDetector;
import org.radtox.student.assertion.ContextRules.Category;
import org.radtox.student.mention.Mention;
import org.radtox.student.mention.MentionFinder;
import org.radtox.student.segmentation.Clause;
import org.radtox.student.segmentation.SegmentedNote;

/**
 * A teacher that needs no network: it reads the gold labels and the student's errors on the train split and
 * derives data edits from them, as a person tuning the lexicon would. For each error it looks where the
 * student went wrong and collects candidate phrases from the note's own words:
 * <ul>
 * <li>a present symptom the student found no words for: the word sequences of the note that recur in other
 *     train notes where the symptom is spoken of, and never where it is not (a lexicon gap);</li>
 * <li>a mention read as negated, hedged or past where the gold says present: the words around the trigger,
 *     as a pseudo-trigger ("no catheter" is not a negation of the frequency next to it);</li>
 * <li>a mention read as present where the gold says absent or not mentioned: the words before or after it
 *     as a negation, historical or hypothetical trigger, or the mention with its neighbours as an exclusion;</li>
 * <li>a grade below the gold one: the words of the clauses that affirm the symptom, as a cue for that grade.</li>
 * </ul>
 * Candidates hold a word the student's own data already ties to the symptom, grade or context (see
 * {@link Vocabulary}), and stand in at least {@code minOccurrences} train notes. The one exception is a lexicon
 * gap in words the student has never seen (a new site's "stinging" for dysuria): such a word or phrase must fix
 * at least {@link #UNANCHORED_SUPPORT} train notes and stand in none where the symptom is not mentioned, and
 * even then it can be a coincidence of the train notes ("caffeine" beside nocturia), which the validation check
 * and the reviewer behind {@code promote} are there to catch. Each then runs, as a candidate
 * student, on the train notes it can change; one that fixes errors there and breaks none is proposed, the
 * narrowest change first (one symptom's words before a trigger that reaches every symptom). The teacher never
 * sees validation or test notes. Deterministic: the seed only orders ties and samples errors past the cap.
 */
public final class OfflineTeacher implements Teacher {

    public static final String NAME = "offline";

    /** How far before a mention a trigger is looked for, in words (the rules' default window). */
    private static final int TRIGGER_WINDOW = 6;
    private static final Set<String> FUNCTION_WORDS = functionWords();

    /** Train notes a phrase with none of the symptom's known words must fix (and none it may break). */
    static final int UNANCHORED_SUPPORT = 3;
    private final int maxErrors;
    private final int candidatesPerError;
    private final int maxScreened;
    private final int minOccurrences;

    private OfflineTeacher(Builder b) {
        this.maxErrors = b.maxErrors;
        this.candidatesPerError = b.candidatesPerError;
        this.maxScreened = b.maxScreened;
        this.minOccurrences = b.minOccurrences;
    }

    public static OfflineTeacher create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double estimateDollars(TeacherRequest request) {
        return 0;
    }

    @Override
    public TeacherAnswer propose(TeacherRequest request) {
        Map<String, StrategyChoice> strategies = chooseStrategies(request);
        if (request.data() == null) {
            return new TeacherAnswer(strategies, proposalsForOtherStudents(request, strategies), TeacherUsage.NONE);
        }
        Study study = new Study(request);
        List<ErrorCase> errors = new ArrayList<>(request.errors());
        Collections.shuffle(errors, new Random(request.seed() + request.round()));
        errors = errors.subList(0, Math.min(maxErrors, errors.size()));
        Map<Edit, Candidate> candidates = new LinkedHashMap<>();
        for (ErrorCase e : errors) {
            List<Candidate> own = study.candidates(e);
            own.sort(Comparator.comparingDouble(Candidate::prior).reversed());
            for (Candidate c : own.subList(0, Math.min(candidatesPerError, own.size()))) {
                candidates.merge(c.edit(), c, (a, b) -> a.prior() >= b.prior() ? a : b);
            }
        }
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        ranked.sort(Comparator.comparingDouble(Candidate::prior).reversed());
        CandidateScreen screen = new CandidateScreen(request.train(), EmbeddedData.symptomSet().keys(), request.trainResult());
        List<Screened> helping = new ArrayList<>();
        for (Candidate c : ranked.subList(0, Math.min(maxScreened, ranked.size()))) {
            if (c.occurrences() < minOccurrences) {
                continue;
            }
            var data = request.data().with(List.of(c.edit()));
            CandidateScreen.Effect effect = screen.effect(List.of(c.edit()), data.student());
            if (effect.helps() && effect.broken() == 0) {
                helping.add(new Screened(c, effect));
            }
        }
        // The narrowest change first: an edit of one symptom's words before a trigger change that reaches every
        // symptom, then the best gain; a proposal that only repeats fixes already proposed adds nothing.
        helping.sort(Comparator.comparing((Screened s) -> s.candidate().edit().symptom() == null)
                .thenComparing(Comparator.comparingDouble((Screened s) -> s.effect().gain()).reversed())
                .thenComparing(s -> s.candidate().edit().phrase().length()));
        Set<String> covered = new HashSet<>();
        List<Proposal> proposals = new ArrayList<>();
        for (Screened s : helping) {
            if (covered.containsAll(s.effect().fixedNotes())) {
                continue;
            }
            covered.addAll(s.effect().fixedNotes());
            Edit edit = s.candidate().edit();
            proposals.add(Proposal.edits(edit.symptom() != null ? edit.symptom() : s.candidate().origin().symptom(), List.of(edit),
                    s.candidate().why() + "; on train it fixes " + s.effect().fixed() + " (" + String.join(", ", s.effect().fixedNotes())
                            + ") and breaks " + s.effect().broken() + ", in a phrase found in " + s.candidate().occurrences()
                            + " train notes"));
        }
        return new TeacherAnswer(strategies, proposals, TeacherUsage.NONE);
    }

    /** A candidate edit, where it came from, and how promising the train statistics make it. */
    private record Candidate(Edit edit, ErrorCase origin, double prior, int occurrences, String why) {
    }

    private record Screened(Candidate candidate, CandidateScreen.Effect effect) {
    }

    /**
     * The strategy per symptom, from its error pattern (as in the published method): many errors of every
     * kind call for fine-tuning, misses in varied words for retrieval of examples, a few systematic misreadings
     * for prompt refinement. The embedded student has no retrieval bank and no learned weights: for it every
     * symptom gets prompt refinement of its data, and the reason says what the pattern would call for.
     */
    private Map<String, StrategyChoice> chooseStrategies(TeacherRequest request) {
        Map<String, List<ErrorCase>> bySymptom = new TreeMap<>();
        request.errors().forEach(e -> bySymptom.computeIfAbsent(e.symptom(), k -> new ArrayList<>()).add(e));
        Map<String, StrategyChoice> out = new LinkedHashMap<>();
        bySymptom.forEach((symptom, errors) -> {
            Map<Kind, Integer> mix = new TreeMap<>();
            errors.forEach(e -> mix.merge(e.kind(), 1, Integer::sum));
            int missedSilent = (int) errors.stream().filter(e -> e.kind() == Kind.MISSED_PRESENT && e.silent()).count();
            Strategy pattern;
            String why;
            if (errors.size() >= FINE_TUNE_AT) {
                pattern = Strategy.FINE_TUNING;
                why = errors.size() + " errors of " + mix.size() + " kinds";
            } else if (missedSilent >= 2 && missedSilent * 2 >= errors.size()) {
                pattern = Strategy.RETRIEVAL;
                why = missedSilent + " of " + errors.size() + " errors are present symptoms said in words the student does not know";
            } else {
                pattern = Strategy.PROMPT_REFINEMENT;
                why = "errors " + describe(mix);
            }
            if (request.data() != null) {
                out.put(symptom, new StrategyChoice(Strategy.PROMPT_REFINEMENT, why + (pattern == Strategy.PROMPT_REFINEMENT ? ""
                        : "; the pattern calls for " + pattern.label() + ", which the embedded student does not have, so its data is refined")));
            } else {
                out.put(symptom, new StrategyChoice(pattern, why));
            }
        });
        return out;
    }

    static final int FINE_TUNE_AT = 8;

    private static String describe(Map<Kind, Integer> mix) {
        List<String> parts = new ArrayList<>();
        mix.forEach((k, n) -> parts.add(n + " " + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return String.join(", ", parts);
    }

    /** For an LLM student: examples for retrieval, the symptom's notes for fine-tuning, guidance for the prompt. */
    private static List<Proposal> proposalsForOtherStudents(TeacherRequest request, Map<String, StrategyChoice> strategies) {
        List<Proposal> out = new ArrayList<>();
        strategies.forEach((symptom, choice) -> {
            List<ErrorCase> errors = request.errors().stream().filter(e -> e.symptom().equals(symptom)).toList();
            switch (choice.strategy()) {
                case RETRIEVAL -> out.add(new Proposal(symptom, Strategy.RETRIEVAL, List.of(), null, errors.stream().limit(4)
                        .map(e -> new RetrievalExample(e.note().id(), symptom, "gold " + e.gold().status().code()
                                + (e.gold().grade() == null ? "" : " grade " + e.gold().grade()) + ", the student said "
                                + e.predicted().status().code())).toList(), choice.reason()));
                case FINE_TUNING -> out.add(new Proposal(symptom, Strategy.FINE_TUNING, List.of(), null, List.of(),
                        choice.reason() + ": export the train split as a training set and register the adapter trained from it"));
                case PROMPT_REFINEMENT -> out.add(new Proposal(symptom, Strategy.PROMPT_REFINEMENT, List.of(),
                        guidance(symptom, errors), List.of(), choice.reason()));
            }
        });
        return out;
    }

    private static String guidance(String symptom, List<ErrorCase> errors) {
        StringBuilder b = new StringBuilder("For " + symptom + ":");
        if (errors.stream().anyMatch(e -> e.kind() == Kind.MISSED_PRESENT)) {
            b.append(" report it as present whenever the note says the patient has it now, in any words, also when hedged by the clinician's impression.");
        }
        if (errors.stream().anyMatch(e -> e.kind() == Kind.FALSE_PRESENT)) {
            b.append(" Do not report it as present when it is past, resolved, hypothetical, about someone else, or another organ's symptom.");
        }
        if (errors.stream().anyMatch(e -> e.kind() == Kind.WRONG_GRADE)) {
            b.append(" Grade by the CTCAE v5.0 criteria: an intervention started for it raises the grade.");
        }
        return b.toString();
    }

    /** The round's view of the train split: the index of phrases, and each note read as the student reads it. */
    private final class Study {
        private final TeacherRequest request;
        private final PhraseIndex index;
        private final MentionFinder mentions;
        private final AssertionDetector assertions;
        private final Vocabulary vocabulary;
        private final Map<String, NoteResult> parent = new HashMap<>();

        Study(TeacherRequest request) {
            this.request = request;
            this.index = new PhraseIndex(request.train());
            this.mentions = new MentionFinder(request.data().lexicon());
            this.assertions = new AssertionDetector(request.data().contextRules());
            this.vocabulary = new Vocabulary(request.data(), FUNCTION_WORDS);
            request.trainResult().forEach(r -> parent.put(r.gold().id(), r));
        }

        /**
         * Whether the phrase holds a word of the symptom's vocabulary that, in the train notes, mostly stands
         * where the symptom is spoken of: "night" for nocturia qualifies, "time" does not.
         */
        private boolean speaksOf(String symptom, List<Word> seq) {
            for (Word w : seq) {
                if (!vocabulary.symptomWord(symptom, w)) {
                    continue;
                }
                BitSet holders = index.notesWith(List.of(w));
                int spoken = 0;
                for (int i = holders.nextSetBit(0); i >= 0; i = holders.nextSetBit(i + 1)) {
                    if (request.train().notes().get(i).label(symptom).status() != LabelStatus.NOT_MENTIONED) {
                        spoken++;
                    }
                }
                if (spoken * 2 >= holders.cardinality() && spoken > 0) {
                    return true;
                }
            }
            return false;
        }

        List<Candidate> candidates(ErrorCase e) {
            GoldNote note = e.note();
            SegmentedNote segmented = EmbeddedData.segmenter().segment(note.note());
            List<Mention> all = mentions.find(segmented);
            List<Mention> own = all.stream().filter(m -> m.symptom().equals(e.symptom())).toList();
            List<Candidate> out = new ArrayList<>();
            switch (e.kind()) {
                case MISSED_PRESENT -> {
                    if (own.isEmpty()) {
                        lexiconGap(e, segmented, LexiconRole.MENTION, out);
                    } else {
                        for (Mention m : own) {
                            pseudoTriggers(e, segmented, m, out);
                            widenedMentions(e, segmented, m, LexiconRole.MENTION, out);
                        }
                    }
                }
                case FALSE_PRESENT -> {
                    for (Mention m : affirmed(segmented, own, all)) {
                        if (e.gold().status() == LabelStatus.ABSENT) {
                            triggers(e, segmented, m, List.of(Category.NEGATED, Category.RESOLVED), out);
                        } else {
                            triggers(e, segmented, m, List.of(Category.HISTORICAL, Category.HYPOTHETICAL), out);
                            exclusions(e, segmented, m, out);
                        }
                    }
                }
                case WRONG_ABSENCE -> {
                    if (e.gold().status() == LabelStatus.ABSENT && own.isEmpty()) {
                        lexiconGap(e, segmented, LexiconRole.ABSENT_MENTION, out);
                    } else if (e.gold().status() == LabelStatus.ABSENT) {
                        own.forEach(m -> triggers(e, segmented, m, List.of(Category.NEGATED), out));
                    } else {
                        own.forEach(m -> exclusions(e, segmented, m, out));
                    }
                }
                case WRONG_GRADE -> {
                    if (e.gold().grade() != null && e.predicted().grade() != null && e.gold().grade() > e.predicted().grade()) {
                        gradeCues(e, segmented, affirmed(segmented, own, all), out);
                    }
                }
            }
            return out;
        }

        private List<Mention> affirmed(SegmentedNote note, List<Mention> own, List<Mention> all) {
            List<Mention> out = new ArrayList<>();
            for (Mention m : own) {
                note.clauseAt(m.start()).ifPresent(c -> {
                    if (assertions.assess(note.text(), c, m.start(), m.end(), m.polarity(), all).saysPresent()) {
                        out.add(m);
                    }
                });
            }
            return out.isEmpty() ? own : out;
        }

        /** Word sequences of the note that recur where the symptom is spoken of and never where it is not. */
        private void lexiconGap(ErrorCase e, SegmentedNote note, LexiconRole role, List<Candidate> out) {
            for (Clause c : note.clauses()) {
                List<Word> words = PhraseIndex.words(note.text(), c.start(), c.end());
                for (List<Word> seq : sequences(words, 1, PhraseIndex.MAX_WORDS)) {
                    if (role == LexiconRole.ABSENT_MENTION && !vocabulary.statesAbsence(seq)) {
                        continue;
                    }
                    boolean anchored = seq.size() > 1 && speaksOf(e.symptom(), seq);
                    boolean shortWord = seq.size() == 1 && seq.get(0).key().length() < 5;
                    // Words that say a symptom is absent keep needing one of its words; a new way of naming it
                    // may be any word of five letters or more, or a phrase.
                    if (!anchored && (role == LexiconRole.ABSENT_MENTION || shortWord)) {
                        continue;
                    }
                    BitSet holders = index.notesWith(seq);
                    int good = 0;
                    int bad = 0;
                    for (int i = holders.nextSetBit(0); i >= 0; i = holders.nextSetBit(i + 1)) {
                        GoldNote other = request.train().notes().get(i);
                        Label gold = other.label(e.symptom());
                        Label said = parent.get(other.id()).predicted(e.symptom());
                        if (role == LexiconRole.MENTION) {
                            if (gold.status() == LabelStatus.NOT_MENTIONED) {
                                bad++;
                            } else if (gold.status() == LabelStatus.PRESENT && said.status() != LabelStatus.PRESENT) {
                                good++;
                            }
                        } else if (gold.status() != LabelStatus.ABSENT) {
                            bad++;
                        } else if (said.status() == LabelStatus.NOT_MENTIONED) {
                            good++;
                        }
                    }
                    // A way of saying it the student has no word for ("stinging" for dysuria at a new site) needs
                    // more backing than a phrase around a word it knows: it could be a coincidence of the train notes.
                    if (bad == 0 && good >= (anchored ? 1 : UNANCHORED_SUPPORT)) {
                        String phrase = PhraseIndex.phrase(note.text(), seq);
                        out.add(new Candidate(new Edit.LexiconPhrase(e.symptom(), role, phrase), e,
                                good * 10 + holders.cardinality() - seq.size(), holders.cardinality(),
                                (role == LexiconRole.MENTION ? "missed present " : "missed absent ") + e.symptom() + " in " + e.note().id()
                                        + ": '" + phrase + "' stands in " + good + " such note(s) and in none where it is not mentioned"));
                    }
                }
            }
        }

        /** The words around a trigger that wrongly governed a present mention, as a pseudo-trigger. */
        private void pseudoTriggers(ErrorCase e, SegmentedNote note, Mention m, List<Candidate> out) {
            note.clauseAt(m.start()).ifPresent(c -> {
                List<Word> before = lastWords(PhraseIndex.words(note.text(), c.start(), m.start()), TRIGGER_WINDOW);
                for (List<Word> seq : sequences(before, 1, 3)) {
                    if (!vocabulary.anyTrigger(seq)) {
                        continue;
                    }
                    add(out, new Edit.PseudoTrigger(PhraseIndex.phrase(note.text(), seq)), e, seq,
                            "present " + e.symptom() + " in " + e.note().id() + " read as " + e.predicted().status().code()
                                    + " through the words before it");
                }
            });
        }

        /** Words before or after a mention read as present, as a trigger of the category the gold implies. */
        private void triggers(ErrorCase e, SegmentedNote note, Mention m, List<Category> categories, List<Candidate> out) {
            note.clauseAt(m.start()).ifPresent(c -> {
                List<Word> before = lastWords(PhraseIndex.words(note.text(), c.start(), m.start()), TRIGGER_WINDOW);
                List<Word> after = PhraseIndex.words(note.text(), m.end(), c.end());
                after = after.subList(0, Math.min(4, after.size()));
                for (Category category : categories) {
                    for (List<Word> seq : sequences(before, 1, 3)) {
                        if (!vocabulary.trigger(category, seq)) {
                            continue;
                        }
                        add(out, new Edit.ContextTrigger(category, Side.BEFORE, PhraseIndex.phrase(note.text(), seq)), e, seq,
                                e.symptom() + " in " + e.note().id() + " is " + e.gold().status().code() + ", read as present");
                    }
                    for (List<Word> seq : sequences(after, 1, 3)) {
                        if (!vocabulary.trigger(category, seq)) {
                            continue;
                        }
                        add(out, new Edit.ContextTrigger(category, Side.AFTER, PhraseIndex.phrase(note.text(), seq)), e, seq,
                                e.symptom() + " in " + e.note().id() + " is " + e.gold().status().code() + ", read as present");
                    }
                }
            });
        }

        /** The mention with its neighbouring words, as a context that is about something else. */
        private void exclusions(ErrorCase e, SegmentedNote note, Mention m, List<Candidate> out) {
            widenedMentions(e, note, m, LexiconRole.EXCLUSION, out);
        }

        /**
         * The mention widened by one or two words on either side, the mention itself kept as the lexicon
         * phrase that found it (so "likely" + the cystitis phrase also reads "most likely late radiation
         * cystitis"). As a mention it takes a hedge into the symptom's words, where it no longer hedges; as
         * an exclusion it marks a context that is about something else ("up at night ... for the bowels").
         */
        private void widenedMentions(ErrorCase e, SegmentedNote note, Mention m, LexiconRole role, List<Candidate> out) {
            String matched = matchingPhrase(e.symptom(), note.text().substring(m.start(), m.end()));
            note.clauseAt(m.start()).ifPresent(c -> {
                List<Word> inside = PhraseIndex.words(note.text(), m.start(), m.end());
                List<Word> before = lastWords(PhraseIndex.words(note.text(), c.start(), m.start()), 2);
                List<Word> after = PhraseIndex.words(note.text(), m.end(), c.end());
                after = after.subList(0, Math.min(2, after.size()));
                for (int b = 0; b <= before.size(); b++) {
                    for (int a = 0; a <= after.size(); a++) {
                        if (a + b == 0 || inside.isEmpty()) {
                            continue;
                        }
                        List<Word> lead = before.subList(before.size() - b, before.size());
                        List<Word> tail = after.subList(0, a);
                        if (!lead.isEmpty() && FUNCTION_WORDS.contains(lead.get(0).key())
                                || !tail.isEmpty() && FUNCTION_WORDS.contains(tail.get(tail.size() - 1).key())) {
                            continue;
                        }
                        String phrase = (lead.isEmpty() ? "" : PhraseIndex.phrase(note.text(), lead) + gap(note.text(), lead.get(lead.size() - 1).end(), m.start()))
                                + (matched != null ? "(?:" + matched + ")" : PhraseIndex.phrase(note.text(), inside))
                                + (tail.isEmpty() ? "" : gap(note.text(), m.end(), tail.get(0).start()) + PhraseIndex.phrase(note.text(), tail));
                        List<Word> seq = new ArrayList<>(lead);
                        seq.addAll(inside);
                        seq.addAll(tail);
                        add(out, new Edit.LexiconPhrase(e.symptom(), role, phrase), e, seq, role == LexiconRole.MENTION
                                ? e.symptom() + " in " + e.note().id() + " is present, but the words around its mention hid it"
                                : e.symptom() + " in " + e.note().id() + " is not mentioned, but its words stand there about something else");
                    }
                }
            });
        }

        /** The symptom's lexicon phrase that reads exactly this text, if one does. */
        private String matchingPhrase(String symptom, String text) {
            for (var p : request.data().document(Edit.Document.LEXICON).path("symptoms").path(symptom).path("mentions")) {
                try {
                    if (java.util.regex.Pattern.compile(p.asText(), java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text).matches()) {
                        return p.asText();
                    }
                } catch (java.util.regex.PatternSyntaxException ignored) {
                    // the student would not have compiled either; such a phrase cannot have matched
                }
            }
            return null;
        }

        /** Words of the clauses that affirm the symptom, as a cue for the gold grade. */
        private void gradeCues(ErrorCase e, SegmentedNote note, List<Mention> affirmed, List<Candidate> out) {
            int grade = e.gold().grade();
            Set<Clause> scope = new java.util.LinkedHashSet<>();
            List<Clause> clauses = note.clauses();
            for (Mention m : affirmed) {
                note.clauseAt(m.start()).ifPresent(c -> {
                    scope.add(c);
                    int i = clauses.indexOf(c);
                    if (i + 1 < clauses.size()) {
                        scope.add(clauses.get(i + 1));
                    }
                });
            }
            for (Clause c : scope) {
                for (List<Word> seq : sequences(PhraseIndex.words(note.text(), c.start(), c.end()), 1, 3)) {
                    if (!vocabulary.gradeCue(seq)) {
                        continue;
                    }
                    BitSet holders = index.notesWith(seq);
                    int good = 0;
                    int bad = 0;
                    for (int i = holders.nextSetBit(0); i >= 0; i = holders.nextSetBit(i + 1)) {
                        GoldNote other = request.train().notes().get(i);
                        Label gold = other.label(e.symptom());
                        Label said = parent.get(other.id()).predicted(e.symptom());
                        if (gold.status() == LabelStatus.PRESENT && gold.grade() != null && said.status() == LabelStatus.PRESENT) {
                            if (gold.grade() < grade) {
                                bad++;
                            } else if (said.grade() != null && said.grade() < gold.grade()) {
                                good++;
                            }
                        }
                    }
                    if (bad == 0 && good >= 1) {
                        String phrase = PhraseIndex.phrase(note.text(), seq);
                        out.add(new Candidate(new Edit.GradeCuePhrase(e.symptom(), grade, phrase), e, good * 10 - seq.size(),
                                holders.cardinality(), e.symptom() + " in " + e.note().id() + " is grade " + grade + ", graded "
                                        + e.predicted().grade() + "; '" + phrase + "' stands in " + good + " note(s) graded too low and in none graded lower"));
                    }
                }
            }
        }

        private void add(List<Candidate> out, Edit edit, ErrorCase origin, List<Word> seq, String why) {
            int occurrences = index.notesWith(seq).cardinality();
            // A trigger changes every symptom it reaches: the fewer notes it stands in, the less it can break.
            out.add(new Candidate(edit, origin, seq.size() - occurrences / 10.0, occurrences, why + ": '" + edit.phrase() + "'"));
        }
    }

    /** Contiguous word sequences of min..max words that neither begin nor end with a function word. */
    private static List<List<Word>> sequences(List<Word> words, int min, int max) {
        List<List<Word>> out = new ArrayList<>();
        for (int a = 0; a < words.size(); a++) {
            for (int n = min; n <= max && a + n <= words.size(); n++) {
                List<Word> seq = words.subList(a, a + n);
                if (FUNCTION_WORDS.contains(seq.get(0).key()) || FUNCTION_WORDS.contains(seq.get(n - 1).key())
                        || seq.stream().allMatch(w -> w.key().equals("#"))) {
                    continue;
                }
                out.add(List.copyOf(seq));
            }
        }
        return out;
    }

    private static String gap(String text, int from, int to) {
        String g = text.substring(from, Math.max(from, to));
        return g.isEmpty() ? "" : g.equals(" ") ? " " : g.isBlank() ? "\\s+" : "\\W{1,3}";
    }

    private static List<Word> lastWords(List<Word> words, int n) {
        return words.subList(Math.max(0, words.size() - n), words.size());
    }

    private static Set<String> functionWords() {
        Set<String> words = new HashSet<>();
        try (var in = OfflineTeacher.class.getResourceAsStream("function-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("function-words.txt is missing next to " + OfflineTeacher.class.getName());
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }

    /** Limits that keep a round within its time: the benchmark's 5 rounds on 300 notes run in minutes. */
    public static final class Builder {
        private int maxErrors = 400;
        private int candidatesPerError = 6;
        private int maxScreened = 600;
        private int minOccurrences = 2;

        public Builder maxErrors(int n) {
            this.maxErrors = positive(n, "maxErrors");
            return this;
        }

        public Builder candidatesPerError(int n) {
            this.candidatesPerError = positive(n, "candidatesPerError");
            return this;
        }

        public Builder maxScreened(int n) {
            this.maxScreened = positive(n, "maxScreened");
            return this;
        }

        /** In how many train notes a proposed phrase must stand: 1 would let the teacher memorise single notes. */
        public Builder minOccurrences(int n) {
            this.minOccurrences = positive(n, "minOccurrences");
            return this;
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + n);
            }
            return n;
        }

        public OfflineTeacher build() {
            return new OfflineTeacher(this);
        }
    }
}
