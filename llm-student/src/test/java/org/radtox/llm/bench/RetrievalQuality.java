package org.radtox.llm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.langchain4j.data.embedding.Embedding;

import org.radtox.llm.retrieval.Embedder;
import org.radtox.llm.retrieval.ExampleBank;
import org.radtox.llm.retrieval.ExampleRetriever;
import org.radtox.llm.retrieval.FileExampleIndex;
import org.radtox.llm.retrieval.GoldEvidence;
import org.radtox.llm.retrieval.GoldExample;
import org.radtox.llm.retrieval.GoldFiles;
import org.radtox.llm.retrieval.GoldSnippets;
import org.radtox.llm.retrieval.LabeledNote;
import org.radtox.llm.version.VersionedStudents;
import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/**
 * How good the few-shot examples an embedding model retrieves are, measured without a model (none runs here):
 * for each gold note, the k train snippets retrieved for it (the query chosen as the student chooses it) against
 * the note's gold labels.
 * <ul>
 *   <li>coverage: the fraction of the symptoms the note speaks of (present or absent) that some retrieved example is about;</li>
 *   <li>status coverage: the same for (symptom, status) pairs, so that "denies hematuria" wants an absent hematuria example;</li>
 *   <li>precision: the fraction of retrieved examples about a symptom the note speaks of.</li>
 * </ul>
 * On validation notes (the bank is train), and on train notes leaving the note's own snippets out. A proxy: what
 * helps a model is only measurable with a model, but examples about other symptoms than the note's cannot help.
 * Run alone: {@code java ... RetrievalQuality [embedder names...]} (default: MiniLM and the lexical model).
 */
public final class RetrievalQuality {

    static final int K = 4;

    /** Per-note scores of one embedding model on one split. */
    record Scores(String embedder, String split, double[] coverage, double[] statusCoverage, double[] precision) {
        double mean(double[] a) {
            double s = 0;
            for (double x : a) {
                s += x;
            }
            return s / a.length;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length > 0 ? List.of(args) : List.of(Embedder.MINILM, Embedder.LEXICAL);
        report(names.stream().map(Embedder::named).toList());
    }

    /** Prints the table: one line per model and split, then each model's paired difference with the first. */
    static void report(List<Embedder> embedders) throws Exception {
        List<LabeledNote> train = GoldFiles.read("train");
        List<LabeledNote> validation = GoldFiles.read("validation");
        System.out.printf("== retrieval quality (proxy, no model): k=%d train snippets per gold note, query as the student "
                + "builds it (<= %d characters)%n", K, VersionedStudents.QUERY_CHARS);
        List<Scores[]> all = new ArrayList<>();
        for (Embedder e : embedders) {
            all.add(score(e, train, validation));
        }
        for (Scores[] s : all) {
            for (Scores x : s) {
                System.out.printf("   %-30s %-28s coverage %.3f | status coverage %.3f | precision %.3f%n", x.embedder(),
                        x.split(), x.mean(x.coverage()), x.mean(x.statusCoverage()), x.mean(x.precision()));
            }
        }
        for (int m = 1; m < all.size(); m++) {
            for (int split = 0; split < 2; split++) {
                Scores base = all.get(0)[split];
                Scores other = all.get(m)[split];
                System.out.printf("   %s - %s, %s: coverage %s | status coverage %s | precision %s%n", other.embedder(),
                        base.embedder(), base.split(), difference(other.coverage(), base.coverage()),
                        difference(other.statusCoverage(), base.statusCoverage()), difference(other.precision(), base.precision()));
            }
        }
    }

    static Scores[] score(Embedder embedder, List<LabeledNote> train, List<LabeledNote> validation) throws Exception {
        ExampleBank bank = new GoldSnippets(SymptomSet.prostateRt(), new GoldEvidence(EmbeddedStudent.bundled()))
                .build(train, embedder).bank();
        Path dir = Files.createTempDirectory("radtox-quality");
        try (FileExampleIndex index = FileExampleIndex.build(bank, embedder, dir)) {
            ExampleRetriever retriever = new ExampleRetriever(embedder, index, K, VersionedStudents.QUERY_CHARS,
                    EmbeddedStudent.bundled().lexicon());
            return new Scores[] {
                score(embedder.name(), "validation (" + validation.size() + " notes)", validation, n -> {
                    return index.nearest(embedder.embed(retriever.query(n.note().text())), K);
                }),
                score(embedder.name(), "train, own note left out", train, n -> {
                    // A note's own snippets would be its nearest: ask for enough more (a note has at most one per symptom).
                    Embedding q = embedder.embed(retriever.query(n.note().text()));
                    String own = n.note().id() + "/";
                    return index.nearest(q, K + SymptomSet.prostateRt().keys().size()).stream()
                            .filter(x -> !x.id().startsWith(own)).limit(K).toList();
                })};
        }
    }

    interface Retrieval {
        List<GoldExample> examples(LabeledNote note);
    }

    static Scores score(String embedder, String split, List<LabeledNote> notes, Retrieval retrieval) {
        List<double[]> rows = new ArrayList<>();
        for (LabeledNote n : notes) {
            if (n.labels().isEmpty()) {
                continue;
            }
            List<GoldExample> got = retrieval.examples(n);
            Set<String> symptoms = new HashSet<>();
            Set<String> pairs = new HashSet<>();
            for (GoldExample e : got) {
                symptoms.add(e.symptom());
                pairs.add(e.symptom() + "=" + e.status().code());
            }
            int covered = 0;
            int statusCovered = 0;
            for (var label : n.labels().entrySet()) {
                covered += symptoms.contains(label.getKey()) ? 1 : 0;
                statusCovered += pairs.contains(label.getKey() + "=" + label.getValue().status().code()) ? 1 : 0;
            }
            long relevant = got.stream().filter(e -> n.labels().containsKey(e.symptom())).count();
            rows.add(new double[] {covered / (double) n.labels().size(), statusCovered / (double) n.labels().size(),
                relevant / (double) got.size()});
        }
        double[][] cols = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 3; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        return new Scores(embedder, split, cols[0], cols[1], cols[2]);
    }

    /** Mean paired difference with a 95% bootstrap interval over notes (2,000 resamples, fixed seed). */
    static String difference(double[] a, double[] b) {
        int n = a.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            mean += d[i] / n;
        }
        Random random = new Random(7);
        double[] means = new double[2_000];
        for (int r = 0; r < means.length; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[random.nextInt(n)];
            }
            means[r] = s / n;
        }
        java.util.Arrays.sort(means);
        return String.format("%+.3f [%+.3f, %+.3f]", mean, means[49], means[1_949]);
    }
}
