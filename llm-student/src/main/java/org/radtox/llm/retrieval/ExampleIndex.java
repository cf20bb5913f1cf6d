package org.radtox.llm.retrieval;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;

/** A searchable store of one {@link ExampleBank}'s vectors: in-process (a file) or PostgreSQL with pgvector. */
public interface ExampleIndex extends AutoCloseable {

    /** The version of the bank it holds ({@code rag@...}). */
    String version();

    /** The k examples nearest to the query by cosine similarity, nearest first. */
    List<GoldExample> nearest(Embedding query, int k);

    @Override
    default void close() {
    }
}
