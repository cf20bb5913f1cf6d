package org.radtox.llm.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns text into vectors in-process: all-MiniLM-L6-v2 (quantized, ONNX from the jar), 384 dimensions,
 * no network. Its name is part of every index version, so vectors of two models are never mixed.
 */
public final class Embedder {

    public static final String MINILM = "all-minilm-l6-v2-q";

    private static volatile Embedder miniLm;

    private final String name;
    private final EmbeddingModel model;

    public Embedder(String name, EmbeddingModel model) {
        this.name = name;
        this.model = model;
    }

    /** The bundled model, loaded once (about 25 MB of ONNX weights from the jar). */
    public static Embedder miniLm() {
        Embedder e = miniLm;
        if (e == null) {
            synchronized (Embedder.class) {
                e = miniLm;
                if (e == null) {
                    e = new Embedder(MINILM, new AllMiniLmL6V2QuantizedEmbeddingModel());
                    miniLm = e;
                }
            }
        }
        return e;
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return model.dimension();
    }

    public Embedding embed(String text) {
        return model.embed(text).content();
    }

    public java.util.List<Embedding> embedAll(java.util.List<String> texts) {
        return model.embedAll(texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList()).content();
    }
}
