package org.radtox.llm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ChatMessage;

import org.radtox.llm.LlmStudent;
import org.radtox.llm.adapter.FinetuneExport;
import org.radtox.llm.backend.BackendKind;
import org.radtox.llm.backend.BackendSettings;
import org.radtox.llm.backend.ChatBackend;
import org.radtox.llm.backend.LangChainBackend;
import org.radtox.llm.backend.ModelReply;
import org.radtox.llm.backend.Resilience;
import org.radtox.llm.backend.ResilientBackend;
import org.radtox.llm.backend.ScriptedModelServer;
import org.radtox.llm.prompt.PromptBuilder;
import org.radtox.llm.prompt.PromptTemplate;
import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.ExampleIndex;
import org.radtox.llm.retrieval.ExampleRetriever;
import org.radtox.llm.retrieval.FileExampleIndex;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.GoldExample;
import org.radtox.llm.retrieval.GoldFiles;
import org.radtox.llm.retrieval.GoldSnippets;
import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.llm.retrieval.PgVectorExampleIndex;
import org.radtox.llm.version.VersionedStudents;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/**
 * The LLM student's benchmark (scripts/bench-llm), not a test:
 * (a) RadTox's overhead per note around the model call (prompt, retrieval, parsing, guards), with the scripted
 *     server answering each gold note instantly with its gold answer, on the gold notes of 200-400 words;
 * (b) retrieval latency and recall@5 against exact search with 50,000 examples in pgvector (HNSW), embedded by the
 *     model new banks are built with ({@link Embedder#DEFAULT});
 * (c) how good the retrieved examples are, by embedding model ({@link RetrievalQuality}).
 * Arguments: [JDBC URL of a PostgreSQL with pgvector] (part b is skipped without one).
 */
public final class LlmStudentBenchmark {

    static final int WARMUP = 200;
    static final int MEASURED = 1_000;
    static final int BANK_SIZE = 50_000;
    static final int QUERIES = 1_000;

    public static void main(String[] args) throws Exception {
        String jdbc = args.length > 0 && !args[0].isBlank() ? args[0] : null;
        SymptomSet symptoms = SymptomSet.prostateRt();
        EmbeddedStudent embedded = EmbeddedStudent.bundled();
        List<LabeledNote> train = GoldFiles.read("train");
        List<LabeledNote> all = new ArrayList<>(train);
        all.addAll(GoldFiles.read("validation"));
        PromptBuilder prompt = new PromptBuilder(PromptTemplate.bundled(symptoms.id()), symptoms);
        FinetuneExport gold = new FinetuneExport(prompt, symptoms, new GoldEvidence(embedded));

        List<LabeledNote> notes = new ArrayList<>();
        Map<String, String> answers = new HashMap<>();
        for (LabeledNote n : all) {
            int words = n.note().text().split("\\s+").length;
            if (words >= 200 && words <= 400) {
                gold.goldAnswer(n).ifPresent(a -> {
                    notes.add(n);
                    answers.put(n.note().text(), a);
                });
            }
        }
        double meanWords = notes.stream().mapToInt(n -> n.note().text().split("\\s+").length).average().orElse(0);
        System.out.printf("== machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(), cpu(),
                System.getProperty("java.version"));
        System.out.printf("== (a) overhead per note: %d gold notes of 200-400 words (mean %.0f), each answered instantly by "
                + "the scripted server with its gold answer; %d warm-up, %d measured, one thread%n", notes.size(), meanWords,
                WARMUP, MEASURED);

        Embedder standard = Embedder.named(Embedder.DEFAULT);
        ExampleBank bank = new GoldSnippets(symptoms, new GoldEvidence(embedded)).build(train, standard).bank();
        Path tmp = Files.createTempDirectory("radtox-bench");
        try (ScriptedModelServer server = ScriptedModelServer.start()) {
            server.otherwise(r -> {
                String user = r.lastMessage("user");
                for (Map.Entry<String, String> e : answers.entrySet()) {
                    if (user.contains(e.getKey())) {
                        return ScriptedModelServer.answer(e.getValue());
                    }
                }
                return ScriptedModelServer.answer("{\"findings\": []}");
            });
            overhead("no retrieval", notes, student(server, prompt, symptoms, null, null));
            for (Embedder e : List.of(standard, Embedder.miniLm())) {
                ExampleBank b = e == standard ? bank : new ExampleBank(bank.examples(), e.name());
                try (FileExampleIndex file = FileExampleIndex.build(b, e, tmp)) {
                    overhead("retrieval, " + e.name() + ", in-process (" + b.size() + " snippets, k=4)", notes,
                            student(server, prompt, symptoms, e, file));
                    retrievalStages(notes, e, file);
                }
            }
            if (jdbc != null) {
                try (PgVectorExampleIndex pg = PgVectorExampleIndex.openOrBuild(jdbc, null, null, bank, standard,
                        PgVectorExampleIndex.DEFAULT_EF_SEARCH)) {
                    overhead("retrieval, " + standard.name() + ", pgvector (" + bank.size() + " snippets, k=4)", notes,
                            student(server, prompt, symptoms, standard, pg));
                }
            }
        }
        if (jdbc == null) {
            System.out.println("== (b) skipped: no PostgreSQL given");
        } else {
            retrieval(jdbc, standard, bank, all);
        }
        RetrievalQuality.report(List.of(Embedder.miniLm(), Embedder.lexical()));
    }

    /** Times the model call inside each extraction, so what is left is RadTox's own work. */
    static final class TimedBackend implements ChatBackend {
        final ChatBackend delegate;
        long nanosInCall;

        TimedBackend(ChatBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public String model() {
            return delegate.model();
        }

        @Override
        public ModelReply chat(List<ChatMessage> messages) {
            long t0 = System.nanoTime();
            try {
                return delegate.chat(messages);
            } finally {
                nanosInCall += System.nanoTime() - t0;
            }
        }
    }

    record Timed(LlmStudent student, TimedBackend backend) {
    }

    static Timed student(ScriptedModelServer server, PromptBuilder prompt, SymptomSet symptoms, Embedder embedder,
                         ExampleIndex index) {
        BackendSettings settings = BackendSettings.builder(BackendKind.OLLAMA).baseUrl(server.ollamaUrl()).build();
        TimedBackend backend = new TimedBackend(new ResilientBackend(LangChainBackend.connect(settings, Map.of()),
                Resilience.defaults()));
        LlmStudent.Builder b = LlmStudent.builder().version("ollama@bench").symptoms(symptoms).prompt(prompt).backend(backend)
                .fallback(null);
        if (index != null) {
            b.retriever(new ExampleRetriever(embedder, index, 4, VersionedStudents.QUERY_CHARS,
                    EmbeddedStudent.bundled().lexicon()), 4);
        }
        return new Timed(b.build(), backend);
    }

    static void overhead(String label, List<LabeledNote> notes, Timed t) {
        long[] total = new long[MEASURED];
        long[] call = new long[MEASURED];
        int found = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            LabeledNote n = notes.get(i % notes.size());
            t.backend().nanosInCall = 0;
            long t0 = System.nanoTime();
            found += t.student().extract(n.note()).size();
            long elapsed = System.nanoTime() - t0;
            if (i >= WARMUP) {
                total[i - WARMUP] = elapsed;
                call[i - WARMUP] = t.backend().nanosInCall;
            }
        }
        long[] own = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            own[i] = total[i] - call[i];
        }
        System.out.printf("   %-55s RadTox overhead p50 %.2f ms, p99 %.2f ms | model call (loopback HTTP) p50 %.2f ms | "
                + "whole extract p50 %.2f ms, p99 %.2f ms | %.1f findings/note%n", label, ms(own, 50), ms(own, 99),
                ms(call, 50), ms(total, 50), ms(total, 99), found / (double) (WARMUP + MEASURED));
    }

    /** Where retrieval's time goes: choosing the query text, embedding it in-process, searching the index. */
    static void retrievalStages(List<LabeledNote> notes, Embedder embedder, ExampleIndex index) {
        ExampleRetriever r = new ExampleRetriever(embedder, index, 4, VersionedStudents.QUERY_CHARS,
                EmbeddedStudent.bundled().lexicon());
        long[] query = new long[MEASURED];
        long[] embed = new long[MEASURED];
        long[] search = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String text = notes.get(i % notes.size()).note().text();
            long t0 = System.nanoTime();
            String q = r.query(text);
            long t1 = System.nanoTime();
            Embedding e = embedder.embed(q);
            long t2 = System.nanoTime();
            index.nearest(e, 4);
            long t3 = System.nanoTime();
            if (i >= WARMUP) {
                query[i - WARMUP] = t1 - t0;
                embed[i - WARMUP] = t2 - t1;
                search[i - WARMUP] = t3 - t2;
            }
        }
        System.out.printf("   %-55s query text p50 %.2f / p99 %.2f ms | embedding p50 %.2f / p99 %.2f ms | "
                + "search p50 %.2f / p99 %.2f ms%n", "  of which retrieval:", ms(query, 50), ms(query, 99), ms(embed, 50),
                ms(embed, 99), ms(search, 50), ms(search, 99));
    }

    static void retrieval(String jdbc, Embedder embedder, ExampleBank goldBank, List<LabeledNote> notes) throws Exception {
        System.out.printf("== (b) retrieval: %d examples embedded by %s in pgvector (HNSW m=32, ef_construction=200, "
                + "ef_search=%d), %d queries%n", BANK_SIZE, embedder.name(), PgVectorExampleIndex.DEFAULT_EF_SEARCH, QUERIES);
        // The bank: every gold snippet, then joins of two snippets of different notes (a cross-symptom sentence pair),
        // each embedded for real, until 50,000.
        List<GoldExample> snippets = goldBank.examples();
        List<GoldExample> examples = new ArrayList<>(snippets);
        java.util.Random random = new java.util.Random(20261128);
        while (examples.size() < BANK_SIZE) {
            GoldExample a = snippets.get(random.nextInt(snippets.size()));
            GoldExample b = snippets.get(random.nextInt(snippets.size()));
            if (a.id().split("/")[0].equals(b.id().split("/")[0])) {
                continue;
            }
            examples.add(new GoldExample("syn-" + examples.size() + "/" + a.symptom(), a.text() + " " + b.text(), a.symptom(),
                    a.status(), a.grade(), a.rationale()));
        }
        ExampleBank bank = new ExampleBank(examples, embedder.name());
        // Queries: sentences of gold notes, as a note part would be, embedded once.
        List<String> queries = new ArrayList<>();
        for (LabeledNote n : notes) {
            for (String s : n.note().text().split("(?<=[.!?])\\s+|\\n+")) {
                if (s.strip().length() > 25) {
                    queries.add(s.strip());
                }
            }
        }
        java.util.Collections.shuffle(queries, random);
        List<Embedding> q = embedAll(embedder, queries.subList(0, QUERIES));
        long t0 = System.nanoTime();
        PgVectorExampleIndex built = PgVectorExampleIndex.openIfBuilt(jdbc, null, null, bank,
                PgVectorExampleIndex.DEFAULT_EF_SEARCH).orElse(null);
        List<Embedding> vectors;
        if (built != null) {
            // Its vectors are kept (embedding 50,000 texts with MiniLM takes many minutes), its table and index are not:
            // what is measured is the HNSW index this build makes, not one an earlier build left.
            Map<String, float[]> stored = built.vectors();
            vectors = bank.examples().stream().map(e -> Embedding.from(stored.get(e.id()))).toList();
            built.drop();
            built.close();
            System.out.printf("   bank %s already in the database: its vectors read back in %.0f s, its table dropped%n",
                    bank.version(), (System.nanoTime() - t0) / 1e9);
        } else {
            vectors = embedAll(embedder, bank.examples().stream().map(GoldExample::text).toList());
            System.out.printf("   embedded %d texts in %.0f s (2 threads)%n", vectors.size(), (System.nanoTime() - t0) / 1e9);
        }
        t0 = System.nanoTime();
        PgVectorExampleIndex.openOrBuild(jdbc, null, null, bank, vectors, PgVectorExampleIndex.DEFAULT_EF_SEARCH).close();
        System.out.printf("   inserted and indexed (HNSW) in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < bank.size(); i++) {
            position.put(bank.examples().get(i).id(), i);
        }
        for (int ef : new int[] {100, 150, PgVectorExampleIndex.DEFAULT_EF_SEARCH, 400}) {
            try (PgVectorExampleIndex pg = PgVectorExampleIndex.openIfBuilt(jdbc, null, null, bank, ef).orElseThrow()) {
                for (int i = 0; i < 100; i++) {
                    pg.nearest(q.get(i), 5); // warm-up
                }
                long[] latency = new long[QUERIES];
                double recall = 0;
                for (int i = 0; i < QUERIES; i++) {
                    long s = System.nanoTime();
                    List<GoldExample> got = pg.nearest(q.get(i), 5);
                    latency[i] = System.nanoTime() - s;
                    double fifth = exactTop5(q.get(i), vectors)[4];
                    int hits = 0;
                    for (GoldExample g : got) {
                        // A hit is a result at least as near as the exact 5th neighbour: identical snippets (one sentence
                        // labeled for two symptoms) tie, and either of a tied pair is a right answer.
                        if (cosine(q.get(i), vectors.get(position.get(g.id()))) >= fifth - 1e-6) {
                            hits++;
                        }
                    }
                    recall += Math.min(hits, 5) / 5.0;
                }
                System.out.printf("   ef_search %3d%s: search (k=5, from Java, query vector given) p50 %.2f ms, p99 %.2f ms; "
                        + "recall@5 against exact search %.3f; HNSW serves the queries: %s%n", ef,
                        ef == PgVectorExampleIndex.DEFAULT_EF_SEARCH ? " (RadTox's)" : "", ms(latency, 50), ms(latency, 99),
                        recall / QUERIES, pg.hnswServes(q.get(0)));
            }
        }
    }

    static List<Embedding> embedAll(Embedder embedder, List<String> texts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Embedding>>> parts = new ArrayList<>();
            int step = 256;
            for (int from = 0; from < texts.size(); from += step) {
                List<String> slice = texts.subList(from, Math.min(texts.size(), from + step));
                parts.add(pool.submit(() -> embedder.embedAll(slice)));
            }
            List<Embedding> out = new ArrayList<>();
            for (Future<List<Embedding>> f : parts) {
                out.addAll(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static double[] exactTop5(Embedding query, List<Embedding> vectors) {
        double[] top = new double[5];
        Arrays.fill(top, -2);
        for (Embedding v : vectors) {
            double c = cosine(query, v);
            if (c > top[4]) {
                top[4] = c;
                Arrays.sort(top);
                reverse(top);
            }
        }
        return top;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static double cosine(Embedding a, Embedding b) {
        float[] x = a.vector();
        float[] y = b.vector();
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return dot / Math.sqrt(nx * ny);
    }

    static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }
}
