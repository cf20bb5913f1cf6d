package org.radtox.llm.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.radtox.llm.LlmStudent;
import org.radtox.llm.backend.LangChainBackend;
import org.radtox.llm.backend.Resilience;
import org.radtox.llm.backend.ResilientBackend;
import org.radtox.llm.ensemble.EnsembleMode;
import org.radtox.llm.ensemble.EnsembleStudent;
import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.ExampleIndex;
import org.radtox.llm.retrieval.ExampleRetriever;
import org.radtox.llm.retrieval.FileExampleIndex;
import org.radtox.llm.retrieval.PgVectorExampleIndex;
import org.radtox.llm.usage.CallLedger;
import org.radtox.student.Student;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;
import org.radtox.student.version.StudentVersion;

/**
 * Builds the student a version names: LLM students ({@code ollama@...}, {@code openai@...}) and ensembles
 * ({@code ensemble@...}). Their components come from the manifests folder (prompts, example banks) and,
 * when PostgreSQL is configured, the retrieval index from pgvector.
 */
public final class VersionedStudents {

    /** Characters of a note part used as the retrieval query (embedding cost grows with length). */
    public static final int QUERY_CHARS = 400;

    /**
     * Where components and secrets come from.
     *
     * @param ragDatabase PostgreSQL with pgvector for retrieval indexes; null for the in-process index in files
     * @param ledger      where model calls are recorded
     * @param warnings    where dropped findings and fallbacks are said
     */
    public record Context(StudentManifests manifests, Map<String, String> environment, RagDatabase ragDatabase,
                          CallLedger ledger, Consumer<String> warnings) {
    }

    /** The PostgreSQL (with pgvector) that holds retrieval indexes; user and password may be null. */
    public record RagDatabase(String jdbcUrl, String user, String password) {
    }

    private VersionedStudents() {
    }

    /** The kinds this module builds. */
    public static boolean builds(String kind) {
        return LlmStudentSpec.isLlmKind(kind) || kind.equals(EnsembleSpec.KIND);
    }

    /** The student of a version, or empty for a kind this module does not build. */
    public static Optional<Student> build(StudentVersion v, Context ctx) {
        if (LlmStudentSpec.isLlmKind(v.kind())) {
            return Optional.of(llm(v, LlmStudentSpec.of(v), ctx));
        }
        if (v.kind().equals(EnsembleSpec.KIND)) {
            EnsembleSpec spec = EnsembleSpec.of(v);
            StudentVersion llm = ctx.manifests().find(spec.llm()).orElseThrow(() -> new IllegalArgumentException(
                    "ensemble " + v.id() + " names LLM student " + spec.llm() + ", which has no manifest in " + ctx.manifests().dir()));
            return Optional.of(new EnsembleStudent(v.id(), spec.mode(), embedded(spec.embedded(), v),
                    build(llm, ctx).orElseThrow()));
        }
        return Optional.empty();
    }

    static EmbeddedStudent embedded(String wanted, StudentVersion by) {
        EmbeddedStudent e = EmbeddedStudent.bundled();
        if (!e.version().equals(wanted)) {
            throw new IllegalArgumentException(by.id() + " names " + wanted + ", but this build has " + e.version());
        }
        return e;
    }

    private static LlmStudent llm(StudentVersion v, LlmStudentSpec spec, Context ctx) {
        SymptomSet symptoms = SymptomSet.prostateRt();
        if (!symptoms.id().equals(spec.symptomSet())) {
            throw new IllegalArgumentException(v.id() + " is for symptom set " + spec.symptomSet() + "; this build has "
                    + symptoms.id());
        }
        PromptTemplate prompt;
        try {
            prompt = PromptTemplate.load(spec.prompt(), spec.symptomSet(), ctx.manifests().prompts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LlmStudent.Builder b = LlmStudent.builder().version(v.id()).symptoms(symptoms)
                .prompt(new PromptBuilder(prompt, symptoms))
                .backend(new ResilientBackend(LangChainBackend.connect(spec.backend(), ctx.environment()), Resilience.defaults()))
                .window(spec.backend().contextTokens(), spec.backend().answerTokens())
                .ledger(ctx.ledger()).warnings(ctx.warnings());
        if (!spec.fallback().equals(LlmStudentSpec.NONE)) {
            b.fallback(embedded(spec.fallback(), v));
        }
        if (spec.retrieves()) {
            Retrieval r = retrieval(spec.ragIndex(), ctx);
            b.retriever(new ExampleRetriever(r.embedder(), r.index(), spec.ragK(), QUERY_CHARS,
                    EmbeddedStudent.bundled().lexicon()), spec.ragK());
        }
        return b.build();
    }

    /** An index and the model its bank was embedded with, which must embed the queries too. */
    record Retrieval(ExampleIndex index, Embedder embedder) {
    }

    /**
     * The index of a version, searched with the embedding model its bank names: the bank of a version defined
     * before there was a choice names MiniLM, and MiniLM it keeps. An index file without its bank beside it is
     * from when MiniLM was the only model.
     */
    static Retrieval retrieval(String version, Context ctx) {
        Path dir = ctx.manifests().indexes();
        Path bankFile = dir.resolve(version + ".jsonl");
        try {
            ExampleBank bank = Files.isRegularFile(bankFile) ? ExampleBank.read(bankFile) : null;
            if (bank != null && !bank.version().equals(version)) {
                throw new IllegalArgumentException(bankFile + " holds example bank " + bank.version() + ", not " + version);
            }
            Embedder embedder = Embedder.named(bank == null ? Embedder.MINILM : bank.embeddingModel());
            if (ctx.ragDatabase() != null) {
                if (bank == null) {
                    throw new IllegalArgumentException("example bank " + version + " is not in " + dir);
                }
                RagDatabase db = ctx.ragDatabase();
                return new Retrieval(PgVectorExampleIndex.openOrBuild(db.jdbcUrl(), db.user(), db.password(), bank,
                        embedder, PgVectorExampleIndex.DEFAULT_EF_SEARCH), embedder);
            }
            if (!Files.isRegularFile(FileExampleIndex.file(dir, version)) && bank != null) {
                return new Retrieval(FileExampleIndex.build(bank, embedder, dir), embedder);
            }
            return new Retrieval(FileExampleIndex.open(version, dir), embedder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("retrieval index " + version + " in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
