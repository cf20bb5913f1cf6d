package org.radtox.refinement.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prices as configuration ({@code prices.json}, or a file the operator gives): dollars per million input and
 * output tokens per model, and what a CPU core-hour of the student costs the site.
 */
public record PriceTable(String asOf, Map<String, ModelPrice> models, double studentCoreHour) {

    /** One model's list prices, and the tokenizer that counts its tokens. */
    public record ModelPrice(double inputPerMillion, double outputPerMillion, String encoding) {

        public double dollars(long inputTokens, long outputTokens) {
            return inputTokens * inputPerMillion / 1e6 + outputTokens * outputPerMillion / 1e6;
        }
    }

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
            if (in == null) {
                throw new IllegalStateException("prices.json is missing next to " + PriceTable.class.getName());
            }
            return read(new ObjectMapper().readTree(in), "bundled prices.json");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled price table", e);
        }
    }

    public static PriceTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("price table not found: " + file);
        }
        return read(new ObjectMapper().readTree(file.toFile()), file.toString());
    }

    private static PriceTable read(JsonNode root, String where) {
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        root.path("models").properties().forEach(e -> {
            JsonNode m = e.getValue();
            if (!m.path("inputPerMillion").isNumber() || !m.path("outputPerMillion").isNumber()) {
                throw new IllegalArgumentException(where + ": model " + e.getKey() + " needs inputPerMillion and outputPerMillion");
            }
            models.put(e.getKey(), new ModelPrice(m.get("inputPerMillion").asDouble(), m.get("outputPerMillion").asDouble(),
                    m.path("encoding").asText("o200k_base")));
        });
        if (!root.path("studentCoreHour").isNumber()) {
            throw new IllegalArgumentException(where + ": needs studentCoreHour (dollars per CPU core-hour)");
        }
        return new PriceTable(root.path("asOf").asText("unknown"), Map.copyOf(models), root.get("studentCoreHour").asDouble());
    }

    public Optional<ModelPrice> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public ModelPrice require(String name) {
        return model(name).orElseThrow(() -> new IllegalArgumentException("no price for model '" + name + "' in the price table "
                + "(models: " + models.keySet() + "); add it with --prices FILE"));
    }
}
