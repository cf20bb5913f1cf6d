package org.radtox.llm.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.radtox.student.embedded.EmbeddedStudent;
import org.radtox.student.symptoms.SymptomSet;

/** The index in the real PostgreSQL + pgvector of the test command (scripts/test sets RADTOX_TEST_JDBC_URL). */
@EnabledIfEnvironmentVariable(named = "RADTOX_TEST_JDBC_URL", matches = ".+")
class PgVectorRetrievalTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Embedder.MINILM, Embedder.LEXICAL})
    void pgvectorWithHnswGivesTheSameNeighboursAsTheExactInProcessSearch(String model, @TempDir Path dir) throws Exception {
        List<LabeledNote> gold = GoldFiles.read("validation");
        Embedder e = Embedder.named(model);
        ExampleBank bank = new GoldSnippets(SymptomSet.prostateRt(), new GoldEvidence(EmbeddedStudent.bundled()))
                .build(gold, e).bank();
        FileExampleIndex exact = FileExampleIndex.build(bank, e, dir);
        String url = System.getenv("RADTOX_TEST_JDBC_URL");

        try (PgVectorExampleIndex pg = PgVectorExampleIndex.openOrBuild(url, null, null, bank, e,
                PgVectorExampleIndex.DEFAULT_EF_SEARCH)) {
            try {
                Embedding probe = e.embed("Blood on the toilet paper after bowel movements, no clots.");
                assertTrue(pg.hnswServes(probe), "the HNSW index serves nearest-neighbour queries");
                assertEquals(PgVectorExampleIndex.DEFAULT_EF_SEARCH, pg.efSearch());
                for (String query : List.of("Blood on the toilet paper after bowel movements, no clots.",
                        "Up three times a night to urinate.", "Using sildenafil with partial benefit.",
                        "Six loose stools a day, started loperamide.")) {
                    Embedding q = e.embed(query);
                    List<GoldExample> want = exact.nearest(q, 5);
                    List<GoldExample> got = pg.nearest(q, 5);
                    // One sentence labeled for two symptoms is two examples with the same vector: either may come first.
                    assertEquals(want.stream().map(GoldExample::text).toList(), got.stream().map(GoldExample::text).toList(), query);
                    assertEquals(java.util.Set.copyOf(ids(want)), java.util.Set.copyOf(ids(got)), query);
                }
                // Reopening finds the filled table and does not build it again.
                try (PgVectorExampleIndex again = PgVectorExampleIndex.openOrBuild(url, null, null, bank, e, 100)) {
                    assertEquals(ids(pg.nearest(probe, 3)), ids(again.nearest(probe, 3)));
                }
            } finally {
                pg.drop();
            }
        }
    }

    private static List<String> ids(List<GoldExample> examples) {
        return examples.stream().map(GoldExample::id).toList();
    }
}
