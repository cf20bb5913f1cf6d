package org.radtox.server.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The built-in search parameters RadTox switches off (listed, with the reason, in
 * {@code retired-search-parameters.json}), as the retired {@link SearchParameter}s HAPI expects: a stored
 * SearchParameter with a built-in's base and code overrides it, and a retired one is no longer indexed.
 */
final class RetiredSearchParameters {

    private static final String RESOURCE = "retired-search-parameters.json";

    private RetiredSearchParameters() {
    }

    static List<SearchParameter> of(FhirContext fhir) {
        JsonNode config;
        try (InputStream in = RetiredSearchParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the server jar");
            }
            config = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SearchParameter> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> byType : config.path("retired").properties()) {
            String type = byType.getKey();
            for (JsonNode code : byType.getValue()) {
                RuntimeSearchParam builtIn = fhir.getResourceDefinition(type).getSearchParam(code.asText());
                if (builtIn == null) {
                    throw new IllegalStateException(RESOURCE + ": " + type + " has no search parameter '" + code.asText() + "'");
                }
                SearchParameter sp = new SearchParameter();
                sp.setId("radtox-retired-" + type + "-" + code.asText());
                sp.setUrl(builtIn.getUri());
                sp.setName(code.asText());
                sp.setCode(code.asText());
                sp.addBase(type);
                sp.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
                sp.setExpression(builtIn.getPath());
                sp.setStatus(Enumerations.PublicationStatus.RETIRED);
                sp.setDescription("Retired by RadTox (" + config.path("version").asText() + "): " + config.path("why").asText());
                out.add(sp);
            }
        }
        return out;
    }
}
