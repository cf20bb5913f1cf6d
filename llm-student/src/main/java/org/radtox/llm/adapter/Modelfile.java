package org.radtox.llm.adapter;

/**
 * The Ollama Modelfile that registers a LoRA adapter trained on an exported gold set on top of its base
 * model ({@code ollama create NAME -f Modelfile}); the student version then names NAME as its adapter.
 */
public final class Modelfile {

    private Modelfile() {
    }

    /**
     * @param baseModel   the model the adapter was trained on, e.g. {@code zephyr:7b-beta}
     * @param adapterPath the trained adapter (a GGUF file or a safetensors folder), relative to the Modelfile
     * @param name        the name to register it under
     */
    public static String of(String baseModel, String adapterPath, String name, int contextTokens, String trainingFile) {
        return "# RadTox LoRA adapter for " + baseModel + ", trained elsewhere on " + trainingFile + ".\n"
                + "# Register it:    ollama create " + name + " -f Modelfile\n"
                + "# Then use it:    radtox define-student --backend ollama --model " + baseModel + " --adapter " + name + "\n"
                + "FROM " + baseModel + "\n"
                + "ADAPTER " + adapterPath + "\n"
                + "PARAMETER temperature 0\n"
                + "PARAMETER num_ctx " + contextTokens + "\n";
    }
}
