package org.radtox.llm.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * Words, not meaning: a text's lower-cased word stems (the first {@value #STEM} characters, so "urinating", "urination"
 * and "urinate" meet) except function words ({@code lexical-stopwords.txt}), and pairs
 * of adjacent stems (so "no blood" is not "blood"), each hashed into one of {@value #DIMENSION} signed slots
 * with weight 1 + ln(count), the vector scaled to length 1. A pure function of the text (no corpus
 * statistics, no weights to load) that costs microseconds where MiniLM costs milliseconds; gold snippets of
 * the same symptom share their clinical words far more often than they paraphrase them (README, "LLM
 * student", for how the examples it retrieves compare with MiniLM's). Changing anything here changes the
 * vectors: give it a new {@link Embedder} name then ({@code LexicalEmbeddingModelTest} pins them).
 */
final class LexicalEmbeddingModel implements EmbeddingModel {

    static final int DIMENSION = 384;
    static final int STEM = 6;
    private static final int SEED = 17;
    private static final Set<String> STOPWORDS = stopwords();
    private static final int LONGEST_STOPWORD = STOPWORDS.stream().mapToInt(String::length).max().orElse(0);

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(Embedding.from(vector(s.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelName() {
        return Embedder.LEXICAL;
    }

    static float[] vector(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        int previous = 0;
        boolean first = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            int stem = SEED;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                if (i - start < STEM) {
                    stem = 31 * stem + Character.toLowerCase(text.charAt(i));
                }
                i++;
            }
            if (i - start > LONGEST_STOPWORD || !STOPWORDS.contains(text.substring(start, i).toLowerCase(Locale.ROOT))) {
                counts.merge(mix(stem), 1, Integer::sum);
            }
            if (!first) {
                counts.merge(mix(previous * 0x9E3779B1 + stem), 1, Integer::sum);
            }
            previous = stem;
            first = false;
        }
        float[] v = new float[DIMENSION];
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            int h = e.getKey();
            float weight = (float) (1 + Math.log(e.getValue()));
            // The sign bit is independent of the slot, so colliding features cancel as often as they add.
            v[Math.floorMod(h, DIMENSION)] += (h >>> 31) == 0 ? weight : -weight;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            // No words (punctuation only): a fixed unit vector, since a zero vector has no cosine to anything.
            v[0] = 1;
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIMENSION; d++) {
            v[d] *= scale;
        }
        return v;
    }

    /** Murmur3's finalizer: spreads a string hash over all 32 bits before slot and sign are taken from it. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    private static Set<String> stopwords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = LexicalEmbeddingModel.class.getResourceAsStream("lexical-stopwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("lexical-stopwords.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
