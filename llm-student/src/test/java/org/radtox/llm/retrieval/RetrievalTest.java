package org.radtox.llm.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.finding.Status;
import org.radtox.student.symptoms.SymptomSet;

/** Gold snippets, their bank version, and the in-process index persisted to a file. */
class RetrievalTest {

    static ExampleBank bank;
    static GoldSnippets.Built built;

    @BeforeAll
    static void buildBankFromTheFirstFortyTrainNotes() throws Exception {
        List<LabeledNote> gold = GoldFiles.read("train").subList(0, 40);
        built = new GoldSnippets(SymptomSet.prostateRt(), new GoldEvidence(EmbeddedStudent.bundled()))
                .build(gold, Embedder.miniLm());
        bank = built.bank();
    }

    @Test
    void everyLocatedLabelBecomesASnippetWithGoldsStatusAndTheCtcaeCriterion() {
        assertEquals(built.labels() - built.unlocated(), bank.size());
        assertTrue(bank.size() > 100, "snippets: " + bank.size());
        assertTrue(built.unlocated() < built.labels() / 10, "unlocated " + built.unlocated() + " of " + built.labels());
        GoldExample nocturia = bank.examples().stream().filter(e -> e.id().equals("G-1001/nocturia")).findFirst().orElseThrow();
        assertEquals(Status.PRESENT, nocturia.status());
        assertEquals(Integer.valueOf(1), nocturia.grade());
        assertTrue(nocturia.text().contains("nocturia x2"), nocturia.text());
        assertTrue(nocturia.rationale().startsWith("CTCAE grade 1: "), nocturia.rationale());
    }

    @Test
    void theBankVersionIsTheDigestOfSnippetsAndModel(@TempDir Path dir) throws Exception {
        assertTrue(bank.version().matches("rag@[0-9a-f]{12}"));
        bank.write(dir.resolve("bank.jsonl"));
        ExampleBank back = ExampleBank.read(dir.resolve("bank.jsonl"));
        assertEquals(bank.version(), back.version());
        assertEquals(bank.examples(), back.examples());
        assertNotEquals(bank.version(), new ExampleBank(bank.examples().subList(1, bank.size()), bank.embeddingModel()).version());
        assertNotEquals(bank.version(), new ExampleBank(bank.examples(), "bge-small-en-v1.5-q").version());
    }

    @Test
    void theFileIndexFindsTheSnippetsMostLikeTheQuery_andOpensAgainFromItsFile(@TempDir Path dir) throws Exception {
        Embedder e = Embedder.miniLm();
        FileExampleIndex.build(bank, e, dir);
        FileExampleIndex index = FileExampleIndex.open(bank.version(), dir);

        List<GoldExample> near = index.nearest(e.embed("He wakes up three times each night to pass urine."), 5);

        assertEquals(5, near.size());
        assertTrue(near.stream().filter(x -> x.symptom().equals("nocturia")).count() >= 3, near.toString());
    }

    @Test
    void theLexicalIndexFindsThemToo_asADifferentIndexVersion(@TempDir Path dir) throws Exception {
        Embedder e = Embedder.lexical();
        ExampleBank lexicalBank = new ExampleBank(bank.examples(), e.name());
        FileExampleIndex index = FileExampleIndex.build(lexicalBank, e, dir);

        List<GoldExample> near = index.nearest(e.embed("He wakes up three times each night to pass urine."), 5);

        assertNotEquals(bank.version(), lexicalBank.version());
        assertEquals(5, near.size());
        assertTrue(near.stream().filter(x -> x.symptom().equals("nocturia")).count() >= 3, near.toString());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> FileExampleIndex.build(lexicalBank, Embedder.miniLm(), dir));
        assertTrue(mixed.getMessage().contains("is for embedding model " + Embedder.LEXICAL), mixed.getMessage());
    }

    @Test
    void theQueryIsTheNotesSymptomClauses_notItsHeader(@TempDir Path dir) throws Exception {
        ExampleRetriever r = new ExampleRetriever(Embedder.miniLm(), FileExampleIndex.build(bank, Embedder.miniLm(), dir), 3, 400,
                EmbeddedStudent.bundled().lexicon());
        String note = "RADIATION ONCOLOGY - WEEKLY ON-TREATMENT VISIT\nCourse: IMRT prostate, 78 Gy in 39 fx.\n"
                + "S: Doing well, walking daily. Up 3x at night to void. Energy fine.";
        assertEquals("Up 3x at night to void.", r.query(note));
        assertEquals("Doing well.", r.query("Doing well."), "no symptom clause: the note itself");
        assertEquals(3, r.examplesFor(note).size());
    }

    @Test
    void anIndexThatWasNeverBuiltIsAClearError(@TempDir Path dir) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> FileExampleIndex.open("rag@000000000000", dir));
        assertTrue(ex.getMessage().contains("is not stored in"), ex.getMessage());
    }
}
