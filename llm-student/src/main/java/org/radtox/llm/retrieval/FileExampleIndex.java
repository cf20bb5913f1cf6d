package org.radtox.llm.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * The zero-setup index: langchain4j's in-process store (exact search), persisted to
 * {@code <dir>/<version>.store.json} so the bank is embedded once, not at every start.
 */
public final class FileExampleIndex implements ExampleIndex {

    private final String version;
    private final InMemoryEmbeddingStore<TextSegment> store;

    private FileExampleIndex(String version, InMemoryEmbeddingStore<TextSegment> store) {
        this.version = version;
        this.store = store;
    }

    /** Embeds the bank and writes the store to the folder (replacing an older file of the same version). */
    public static FileExampleIndex build(ExampleBank bank, Embedder embedder, Path dir) throws IOException {
        requireSameModel(bank, embedder);
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<TextSegment> segments = bank.examples().stream().map(Segments::of).toList();
        if (!segments.isEmpty()) {
            store.addAll(embedder.embedAll(segments.stream().map(TextSegment::text).toList()), segments);
        }
        Files.createDirectories(dir);
        store.serializeToFile(file(dir, bank.version()));
        return new FileExampleIndex(bank.version(), store);
    }

    /** The stored index of a version. */
    public static FileExampleIndex open(String version, Path dir) {
        Path file = file(dir, version);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("retrieval index " + version + " is not stored in " + dir
                    + " (build it with radtox define-student --rag-gold)");
        }
        return new FileExampleIndex(version, InMemoryEmbeddingStore.fromFile(file));
    }

    public static Path file(Path dir, String version) {
        return dir.resolve(version + ".store.json");
    }

    static void requireSameModel(ExampleBank bank, Embedder embedder) {
        if (!bank.embeddingModel().equals(embedder.name())) {
            throw new IllegalArgumentException("bank " + bank.version() + " is for embedding model " + bank.embeddingModel()
                    + ", not " + embedder.name());
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<GoldExample> nearest(Embedding query, int k) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).build())
                .matches().stream().map(m -> Segments.example(m.embedded())).toList();
    }
}
