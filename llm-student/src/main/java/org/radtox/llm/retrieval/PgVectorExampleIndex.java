package org.radtox.llm.retrieval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;

import org.radtox.student.finding.Status;

/**
 * The index in PostgreSQL with pgvector, filled through langchain4j's store: one table per index version
 * ({@code radtox_rag_<hex>}, never changed once filled), with an HNSW index on cosine distance (the store
 * itself only knows IVFFlat) and {@code hnsw.ef_search} raised on every pooled connection for recall.
 * The graph is built denser than pgvector's defaults (m 32, ef_construction 200): hashed-word vectors
 * ({@link LexicalEmbeddingModel}) are nearly orthogonal to most of a bank, and with m 16 / ef_construction 64
 * HNSW found only 0.81 of the exact 5 nearest of 50,000 (README, "LLM student"); MiniLM's recall only gains.
 */
public final class PgVectorExampleIndex implements ExampleIndex {

    /**
     * Candidates HNSW keeps per search. pgvector's default of 40 loses recall at k=5 on large banks; on 50,000
     * MiniLM examples (scripts/bench-llm, quiet 2-core machine, m 16 graph) 100 gave recall@5 0.947-0.953 depending on
     * the build of the graph, too close to the 0.95 wanted, and 200 gives 0.975 at a p99 of 10 ms; on 50,000 lexical
     * examples (m 32 graph) 100 gave 0.948, 150 0.975 and 200 0.982 at a p99 of 12 ms on a machine not idle.
     */
    public static final int DEFAULT_EF_SEARCH = 200;
    private static final int BATCH = 1_000;
    private static final ObjectMapper METADATA = new ObjectMapper();

    private final String version;
    private final HikariDataSource pool;

    private PgVectorExampleIndex(String version, HikariDataSource pool) {
        this.version = version;
        this.pool = pool;
    }

    /** The table that holds an index version. */
    public static String table(String version) {
        if (!version.matches("rag@[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not an index version: " + version);
        }
        return "radtox_rag_" + version.substring(4);
    }

    /**
     * The index of the bank in the database: built (embedded and inserted, then indexed) when its table is
     * missing or incomplete, reused as it is otherwise.
     */
    public static PgVectorExampleIndex openOrBuild(String jdbcUrl, String user, String password, ExampleBank bank,
                                                   Embedder embedder, int efSearch) throws SQLException {
        FileExampleIndex.requireSameModel(bank, embedder);
        HikariDataSource pool = pool(jdbcUrl, user, password, efSearch);
        try {
            String table = table(bank.version());
            if (rows(pool, table) != bank.size()) {
                PgVectorEmbeddingStore store = store(pool, table, embedder.dimension(), true);
                List<GoldExample> all = bank.examples();
                for (int from = 0; from < all.size(); from += BATCH) {
                    List<GoldExample> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                    List<TextSegment> segments = batch.stream().map(Segments::of).toList();
                    List<Embedding> vectors = embedder.embedAll(segments.stream().map(TextSegment::text).toList());
                    store.addAll(vectors, segments);
                }
                createHnsw(pool, table);
            }
            return new PgVectorExampleIndex(bank.version(), pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The index of a bank already filled in the database, if it is there whole. */
    public static java.util.Optional<PgVectorExampleIndex> openIfBuilt(String jdbcUrl, String user, String password,
                                                                      ExampleBank bank, int efSearch) throws SQLException {
        HikariDataSource pool = pool(jdbcUrl, user, password, efSearch);
        if (rows(pool, table(bank.version())) == bank.size()) {
            return java.util.Optional.of(new PgVectorExampleIndex(bank.version(), pool));
        }
        pool.close();
        return java.util.Optional.empty();
    }

    /** Builds from vectors already computed (benchmarks that synthesize banks of tens of thousands). */
    public static PgVectorExampleIndex openOrBuild(String jdbcUrl, String user, String password, ExampleBank bank,
                                                   List<Embedding> vectors, int efSearch) throws SQLException {
        HikariDataSource pool = pool(jdbcUrl, user, password, efSearch);
        try {
            String table = table(bank.version());
            int dimension = vectors.get(0).dimension();
            if (rows(pool, table) != bank.size()) {
                PgVectorEmbeddingStore store = store(pool, table, dimension, true);
                List<GoldExample> all = bank.examples();
                for (int from = 0; from < all.size(); from += BATCH) {
                    int to = Math.min(all.size(), from + BATCH);
                    store.addAll(vectors.subList(from, to), all.subList(from, to).stream().map(Segments::of).toList());
                }
                createHnsw(pool, table);
            }
            return new PgVectorExampleIndex(bank.version(), pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int efSearch) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(4);
        c.setPoolName("radtox-rag");
        c.setConnectionTimeout(5_000);
        // Every connection searches with enough HNSW candidates for recall@5.
        c.setConnectionInitSql("SET hnsw.ef_search = " + Math.max(1, efSearch));
        return new HikariDataSource(c);
    }

    /** langchain4j's store creates the table and writes the rows (metadata as one JSON column). */
    private static PgVectorEmbeddingStore store(HikariDataSource pool, String table, int dimension, boolean fresh) {
        return PgVectorEmbeddingStore.datasourceBuilder().datasource(pool).table(table).dimension(dimension)
                .createTable(true).dropTableFirst(fresh).useIndex(false).build();
    }

    private static long rows(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                r.next();
                if (!r.getBoolean(1)) {
                    return -1;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void createHnsw(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // The graph of 50,000 vectors outgrows the default 64 MB, and a build that spills is several times slower.
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute("CREATE INDEX IF NOT EXISTS " + table + "_hnsw ON " + table
                    + " USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 200)");
            s.execute("ANALYZE " + table);
        }
    }

    /**
     * Whether the HNSW index can serve nearest-neighbour queries on this table (the plan with sequential scans
     * off: on a bank of a few hundred rows the planner rightly prefers to scan, on tens of thousands it uses the index).
     */
    public boolean hnswServes(Embedding probe) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                List<String> plan = new ArrayList<>();
                try (ResultSet r = s.executeQuery("EXPLAIN SELECT embedding_id FROM " + table(version)
                        + " ORDER BY embedding <=> '" + vectorLiteral(probe) + "' LIMIT 5")) {
                    while (r.next()) {
                        plan.add(r.getString(1));
                    }
                }
                return String.join("\n", plan).contains("_hnsw");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** The ef_search a pooled connection runs with. */
    public int efSearch() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW hnsw.ef_search")) {
            r.next();
            return Integer.parseInt(r.getString(1));
        }
    }

    private static String vectorLiteral(Embedding e) {
        StringBuilder b = new StringBuilder("[");
        float[] v = e.vector();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    /** Drops the table of an index version (tests and benchmarks clean up after themselves). */
    public void drop() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table(version));
        }
    }

    @Override
    public String version() {
        return version;
    }

    /**
     * Searches with one prepared statement of its own rather than the store's search, which sends the query vector
     * three times as SQL text and reads every neighbour's vector back: the same HNSW scan, a fraction of the bytes.
     */
    @Override
    public List<GoldExample> nearest(Embedding query, int k) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT text, metadata::text FROM " + table(version)
                     + " ORDER BY embedding <=> ?::vector LIMIT ?")) {
            s.setString(1, vectorLiteral(query));
            s.setInt(2, k);
            List<GoldExample> out = new ArrayList<>(k);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(example(r.getString(1), r.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("retrieval from " + table(version) + " failed: " + e.getMessage(), e);
        }
    }

    private static GoldExample example(String text, String metadataJson) {
        try {
            JsonNode m = METADATA.readTree(metadataJson);
            JsonNode grade = m.get("grade");
            return new GoldExample(m.path("id").asText(), text, m.path("symptom").asText(),
                    Status.ofCode(m.path("status").asText()), grade == null || grade.isNull() ? null : grade.asInt(),
                    m.path("rationale").asText(""));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable example metadata: " + metadataJson, e);
        }
    }

    /** Every stored vector by example id (benchmarks compare the index with exact search over these). */
    public Map<String, float[]> vectors() throws SQLException {
        Map<String, float[]> out = new HashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT metadata->>'id', embedding::text FROM " + table(version))) {
            while (r.next()) {
                String[] parts = r.getString(2).replace("[", "").replace("]", "").split(",");
                float[] v = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    v[i] = Float.parseFloat(parts[i]);
                }
                out.put(r.getString(1), v);
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }
}
