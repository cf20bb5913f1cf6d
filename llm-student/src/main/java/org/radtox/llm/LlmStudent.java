package org.radtox.llm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import org.radtox.llm.backend.BackendFailure;
import org.radtox.llm.backend.ChatBackend;
import org.radtox.llm.backend.ModelReply;
import org.radtox.llm.chunk.FindingMerger;
import org.radtox.llm.chunk.NoteChunker;
import org.radtox.llm.chunk.NotePart;
import org.radtox.llm.guard.AnswerGuard;
import org.radtox.llm.guard.AnswerParser;
import org.radtox.llm.guard.InstructionScreen;
import org.radtox.llm.guard.Rejection;
import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.retrieval.ExampleRetriever;
import org.radtox.llm.retrieval.GoldExample;
import org.radtox.llm.usage.CallLedger;
import org.radtox.llm.usage.ModelCall;
import org.radtox.student.Student;
import org.radtox.student.StudentUnavailableException;
import org.radtox.student.UnreadableNoteException;
import org.radtox.student.finding.Finding;
import org.radtox.student.note.Note;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The student behind a model server. It never trusts the model, nor the note: the note is sent between
 * markers as data; the answer must parse into the schema (one repair attempt, then the note fails with the
 * reason); every finding is checked against the symptom set, CTCAE and the note's own words
 * ({@link AnswerGuard}). A note longer than the context window is read in overlapping parts whose
 * findings are merged. When the server cannot answer, the note goes to the fallback student and its
 * findings say so ({@link Finding#producedBy()}); every call and fallback is in the {@link CallLedger}.
 */
public final class LlmStudent implements Student {

    /** Characters per token assumed when fitting a note into the window: low, so parts err on the small side. */
    static final double CHARS_PER_TOKEN = 3.0;

    private final String version;
    private final SymptomSet symptoms;
    private final PromptBuilder prompt;
    private final ChatBackend backend;
    private final ExampleRetriever retriever;
    private final Student fallback;
    private final CallLedger ledger;
    private final AnswerParser parser = new AnswerParser();
    private final AnswerGuard guard;
    private final FindingMerger merger;
    private final NoteChunker chunker;
    private final int maxNoteChars;
    private final Consumer<String> warnings;

    private LlmStudent(Builder b) {
        this.version = Objects.requireNonNull(b.version, "version");
        this.symptoms = Objects.requireNonNull(b.symptoms, "symptoms");
        this.prompt = Objects.requireNonNull(b.prompt, "prompt");
        this.backend = Objects.requireNonNull(b.backend, "backend");
        this.retriever = b.retriever;
        this.fallback = b.fallback;
        this.ledger = b.ledger == null ? CallLedger.inMemory() : b.ledger;
        this.guard = new AnswerGuard(symptoms, b.screen == null ? InstructionScreen.bundled() : b.screen);
        this.merger = new FindingMerger(symptoms);
        this.maxNoteChars = b.maxNoteChars;
        this.warnings = b.warnings == null ? w -> { } : b.warnings;
        int partChars = b.partChars > 0 ? b.partChars : partCharsFor(b.contextTokens, b.answerTokens, prompt,
                retriever == null ? 0 : b.retrievalK);
        this.chunker = new NoteChunker(partChars, Math.min(partChars / 5, 600));
    }

    /** Note characters that fit the window beside the system message, the examples and the answer. */
    static int partCharsFor(int contextTokens, int answerTokens, PromptBuilder prompt, int examples) {
        int systemTokens = (int) Math.ceil(prompt.system().length() / CHARS_PER_TOKEN);
        int exampleTokens = examples * 80 + 60;
        int noteTokens = contextTokens - answerTokens - systemTokens - exampleTokens - 100;
        if (noteTokens * CHARS_PER_TOKEN < 400) {
            throw new IllegalArgumentException("a context window of " + contextTokens + " tokens leaves no room for a note "
                    + "beside the instructions (about " + systemTokens + " tokens) and answers of " + answerTokens + " tokens");
        }
        return (int) (noteTokens * CHARS_PER_TOKEN);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String version() {
        return version;
    }

    public SymptomSet symptomSet() {
        return symptoms;
    }

    public CallLedger ledger() {
        return ledger;
    }

    /** Characters of note text per part: notes longer than this are read in overlapping parts. */
    public int partChars() {
        return chunker.maxChars();
    }

    @Override
    public List<Finding> extract(Note note) {
        String text = note.text();
        if (text.isBlank()) {
            throw new UnreadableNoteException("note text is empty");
        }
        if (text.length() > maxNoteChars) {
            throw new UnreadableNoteException("note text is " + text.length() + " characters, more than the limit of "
                    + maxNoteChars + " for one note");
        }
        List<NotePart> parts = chunker.split(text);
        List<Finding> found = new ArrayList<>();
        try {
            for (int i = 0; i < parts.size(); i++) {
                found.addAll(readPart(note, i, parts.get(i)));
            }
        } catch (BackendFailure failure) {
            return fallBack(note, failure);
        }
        return merger.merge(found);
    }

    private List<Finding> readPart(Note note, int index, NotePart part) {
        List<GoldExample> examples = retriever == null ? List.of() : retriever.examplesFor(part.text());
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(prompt.system()),
                UserMessage.from(prompt.user(part.text(), examples))));
        ModelReply reply = call(note, index, messages, "answered");
        AnswerParser.Parsed parsed = parser.parse(reply.text());
        if (parsed instanceof AnswerParser.Unusable first) {
            messages.add(AiMessage.from(reply.text().isEmpty() ? "(empty)" : reply.text()));
            messages.add(UserMessage.from(prompt.repair(first.reason())));
            ModelReply second = call(note, index, messages, "repair");
            parsed = parser.parse(second.text());
            if (parsed instanceof AnswerParser.Unusable again) {
                throw new UnreadableNoteException("the model's answer did not fit the schema, also after one repair: "
                        + again.reason() + " (first answer: " + first.reason() + ")");
            }
        }
        AnswerGuard.Checked checked = guard.check(note.text(), part.start(), part.text(),
                ((AnswerParser.Usable) parsed).findings());
        for (Rejection r : checked.rejected()) {
            warnings.accept("note " + note.id() + ": dropped a " + r.symptom() + " finding of " + version + ": " + r.reason());
        }
        return checked.kept();
    }

    private ModelReply call(Note note, int part, List<ChatMessage> messages, String outcome) {
        long t0 = System.nanoTime();
        try {
            ModelReply r = backend.chat(messages);
            ledger.record(new ModelCall(Instant.now(), version, note.id(), part, backend.describe(), r.model(), outcome,
                    r.promptTokens(), r.completionTokens(), r.latencyMillis(), ""));
            return r;
        } catch (BackendFailure f) {
            ledger.record(new ModelCall(Instant.now(), version, note.id(), part, backend.describe(), backend.model(), "failed",
                    null, null, (System.nanoTime() - t0) / 1_000_000, f.kind().code() + ": " + f.getMessage()));
            throw f;
        }
    }

    private List<Finding> fallBack(Note note, BackendFailure failure) {
        if (fallback == null) {
            if (failure.kind() == BackendFailure.Kind.REJECTED) {
                throw failure; // about this request (e.g. its size), not the server: the note's own failure
            }
            // Down, slow, wrong key or model: the note is fine, and the caller waits for the server, then tries again.
            throw new StudentUnavailableException(version + " cannot reach its model: " + failure.getMessage(), failure);
        }
        warnings.accept("note " + note.id() + ": " + version + " fell back to " + fallback.version() + ": "
                + failure.getMessage());
        ledger.record(new ModelCall(Instant.now(), version, note.id(), 0, backend.describe(), backend.model(), "fallback",
                null, null, 0, fallback.version() + " after " + failure.kind().code() + ": " + failure.getMessage()));
        return fallback.extract(note).stream().map(f -> f.attributedTo(fallback.version())).toList();
    }

    public static final class Builder {
        private String version;
        private SymptomSet symptoms;
        private PromptBuilder prompt;
        private ChatBackend backend;
        private ExampleRetriever retriever;
        private int retrievalK;
        private Student fallback;
        private CallLedger ledger;
        private InstructionScreen screen;
        private int contextTokens = 8192;
        private int answerTokens = 1024;
        private int partChars;
        private int maxNoteChars = 100_000;
        private Consumer<String> warnings;

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder symptoms(SymptomSet v) {
            symptoms = v;
            return this;
        }

        public Builder prompt(PromptBuilder v) {
            prompt = v;
            return this;
        }

        public Builder backend(ChatBackend v) {
            backend = v;
            return this;
        }

        public Builder retriever(ExampleRetriever v, int k) {
            retriever = v;
            retrievalK = k;
            return this;
        }

        /** The student that reads a note when the model server cannot (the embedded student); null for none. */
        public Builder fallback(Student v) {
            fallback = v;
            return this;
        }

        public Builder ledger(CallLedger v) {
            ledger = v;
            return this;
        }

        public Builder screen(InstructionScreen v) {
            screen = v;
            return this;
        }

        /** The model's window and answer size, from which the note part size follows. */
        public Builder window(int contextTokens, int answerTokens) {
            this.contextTokens = contextTokens;
            this.answerTokens = answerTokens;
            return this;
        }

        /** A fixed part size instead of one derived from the window (tests of long notes). */
        public Builder partChars(int v) {
            partChars = v;
            return this;
        }

        public Builder maxNoteChars(int v) {
            maxNoteChars = v;
            return this;
        }

        /** Where to say what the guards dropped and when the student fell back (default: nowhere). */
        public Builder warnings(Consumer<String> v) {
            warnings = v;
            return this;
        }

        public LlmStudent build() {
            return new LlmStudent(this);
        }
    }
}
