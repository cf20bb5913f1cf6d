package org.radtox.llm.retrieval;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns text into vectors in-process, with no network: all-MiniLM-L6-v2 (quantized, ONNX from the jar) or the
 * lexical model ({@link LexicalEmbeddingModel}), both 384 dimensions. Its name is part of every example bank
 * and so of every index version, so vectors of two models are never mixed; {@link #named} gives back the model
 * a stored bank was built with.
 */
public final class Embedder {

    public static final String MINILM = "all-minilm-l6-v2-q";
    /** Hashed word stems and stem pairs ({@link LexicalEmbeddingModel}). */
    public static final String LEXICAL = "lexical-stem6-bigram-384-v1";
    /**
     * The model new example banks are built with (define-student --rag-embedder): the lexical one, whose examples
     * matched the gold notes' symptoms about as well as MiniLM's, at a hundredth of the cost (README, "LLM student").
     */
    public static final String DEFAULT = LEXICAL;

    private static volatile Embedder miniLm;
    private static final Embedder LEXICAL_EMBEDDER = new Embedder(LEXICAL, new LexicalEmbeddingModel());

    private final String name;
    private final EmbeddingModel model;

    public Embedder(String name, EmbeddingModel model) {
        this.name = name;
        this.model = model;
    }

    /** The bundled MiniLM, loaded once (about 25 MB of ONNX weights from the jar). */
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

    public static Embedder lexical() {
        return LEXICAL_EMBEDDER;
    }

    /** The model of that name: what a stored bank's header says it was built with. */
    public static Embedder named(String name) {
        return switch (name) {
            case MINILM -> miniLm();
            case LEXICAL -> lexical();
            default -> throw new IllegalArgumentException("unknown embedding model '" + name + "' (this build has "
                    + MINILM + " and " + LEXICAL + ")");
        };
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

    public List<Embedding> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    }
}
