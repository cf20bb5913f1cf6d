package org.radtox.llm.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import org.junit.jupiter.api.Test;

import org.radtox.student.version.StudentVersion;

/** The lexical embedding model: a pure function of the words, of length 1, nearer for texts that share clinical words. */
class LexicalEmbeddingModelTest {

    final Embedder lexical = Embedder.lexical();

    @Test
    void theSameTextAlwaysGetsTheSameVector_ofLengthOne_in384Dimensions() {
        String text = "Up 3x at night to void, daytime about every 2 hours.";
        float[] v = lexical.embed(text).vector();

        assertEquals(384, v.length);
        assertEquals(384, lexical.dimension());
        assertArrayEquals(v, new LexicalEmbeddingModel().embed(text).content().vector(), "another instance, the same vector");
        assertEquals(List.of(lexical.embed(text)), lexical.embedAll(List.of(text)));
        assertEquals(1.0, norm(v), 1e-5);
    }

    @Test
    void theVectorsAreTheOnesItsNameStandsFor() {
        // Vectors of one name must never change: a change to the words counted, their hashing or the stop words
        // fails here, and then needs a new Embedder.LEXICAL name (banks and indexes of the old one stay valid).
        float[] v = lexical.embed("Denies blood in the urine; 4-5 loose stools daily despite loperamide.").vector();
        StringBuilder b = new StringBuilder();
        for (float x : v) {
            b.append(Math.round(x * 1e5)).append(',');
        }
        assertEquals("lexical-stem6-bigram-384-v1", Embedder.LEXICAL);
        assertEquals("a1d79217b532", StudentVersion.sha256(b.toString()).substring(0, 12));
    }

    @Test
    void textsThatShareClinicalWordsAreNearerThanUnrelatedOnes() {
        Embedding query = lexical.embed("Wakes three times each night to urinate.");
        double sameSymptom = cosine(query, lexical.embed("Up 3x at night to urinate, started tamsulosin."));
        double otherSymptom = cosine(query, lexical.embed("Six loose stools a day, started loperamide."));

        assertTrue(sameSymptom > otherSymptom + 0.2, sameSymptom + " vs " + otherSymptom);
    }

    @Test
    void caseAndWordEndingsDoNotMatter_butFunctionWordsAloneDoNot() {
        assertEquals(1.0, cosine(lexical.embed("loose stools"), lexical.embed("Loose STOOLS")), 1e-5);
        assertEquals(1.0, cosine(lexical.embed("urinating"), lexical.embed("urination")), 1e-5);
        // "the" and "with" are not counted alone: the texts differ only in a pair of words.
        assertTrue(cosine(lexical.embed("fatigue with the walk"), lexical.embed("fatigue walk")) > 0.5);
    }

    @Test
    void aNegationIsPartOfTheVector() {
        double c = cosine(lexical.embed("blood in the urine"), lexical.embed("no blood in the urine"));
        assertTrue(c < 0.95 && c > 0.5, "near, not the same: " + c);
    }

    @Test
    void aTextWithoutWordsStillHasAUnitVector() {
        assertEquals(1.0, norm(lexical.embed(" ... ; ").vector()), 1e-6);
    }

    @Test
    void aModelIsFoundByItsName_andAnUnknownNameIsAClearError() {
        assertSame(Embedder.lexical(), Embedder.named(Embedder.LEXICAL));
        assertEquals(Embedder.LEXICAL, Embedder.DEFAULT, "new banks are lexical");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embedder.named("bge-small-en"));
        assertTrue(e.getMessage().contains("unknown embedding model 'bge-small-en'"), e.getMessage());
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double cosine(Embedding a, Embedding b) {
        float[] x = a.vector();
        float[] y = b.vector();
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot / (norm(x) * norm(y));
    }
}
