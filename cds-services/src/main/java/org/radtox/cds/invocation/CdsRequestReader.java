package org.radtox.cds.invocation;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.cds.CdsProblem;
import org.radtox.cds.discovery.ServiceDefinition;

/**
 * Reads a hook call's body and checks it against CDS Hooks 2.0 and the service called: every problem is a
 * {@link CdsProblem} with a reason the client's developer can act on (400), never an exception escaping.
 */
public final class CdsRequestReader {

    private final ObjectMapper json;

    public CdsRequestReader(ObjectMapper json) {
        this.json = json;
    }

    public CdsRequest read(byte[] body, ServiceDefinition service) throws CdsProblem {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw CdsProblem.invalid("the request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw CdsProblem.invalid("the request body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw CdsProblem.invalid("the request body must be a JSON object (CDS Hooks 2.0 'Calling a CDS Service')");
        }
        String hook = requiredText(root, "hook");
        if (!hook.equals(service.hook().id())) {
            throw CdsProblem.invalid("service '" + service.id() + "' answers the hook '" + service.hook().id()
                    + "', not '" + hook + "'");
        }
        String hookInstance = requiredText(root, "hookInstance");
        URI fhirServer = fhirServer(root);
        FhirAuthorization authorization = authorization(root);
        if (authorization != null && fhirServer == null) {
            throw CdsProblem.required("fhirAuthorization is given without fhirServer; CDS Hooks requires fhirServer with it");
        }
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw CdsProblem.required("context is required and must be an object");
        }
        JsonNode patient = context.get("patientId");
        if (patient == null || !patient.isTextual() || patient.asText().isBlank()) {
            throw CdsProblem.required("context.patientId is required: the " + hook + " hook names the patient whose"
                    + " notes RadTox reads");
        }
        HookContext hookContext = new HookContext(patient.asText(), optionalText(context, "encounterId"),
                optionalText(context, "userId"));
        return new CdsRequest(hook, hookInstance, fhirServer, authorization, hookContext, prefetch(root));
    }

    private static URI fhirServer(JsonNode root) throws CdsProblem {
        JsonNode v = root.get("fhirServer");
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            URI uri = v.isTextual() ? URI.create(v.asText().trim()) : null;
            if (uri != null && uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CdsProblem.invalid("fhirServer must be an absolute http(s) URL, not " + v);
    }

    private static FhirAuthorization authorization(JsonNode root) throws CdsProblem {
        JsonNode a = root.get("fhirAuthorization");
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isObject()) {
            throw CdsProblem.invalid("fhirAuthorization must be an object");
        }
        String token = optionalText(a, "access_token");
        if (token == null || token.isBlank()) {
            throw CdsProblem.required("fhirAuthorization.access_token is required");
        }
        String type = optionalText(a, "token_type");
        if (type != null && !type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw CdsProblem.invalid("fhirAuthorization.token_type must be 'Bearer', not '" + type + "'");
        }
        return new FhirAuthorization(token, optionalText(a, "scope"), optionalText(a, "subject"));
    }

    private static Map<String, PrefetchValue> prefetch(JsonNode root) throws CdsProblem {
        Map<String, PrefetchValue> out = new LinkedHashMap<>();
        JsonNode p = root.get("prefetch");
        if (p == null || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            throw CdsProblem.invalid("prefetch must be an object of prefetch keys");
        }
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), new PrefetchValue.KnownEmpty());
            } else if (v.isObject() && v.path("resourceType").isTextual()) {
                out.put(e.getKey(), new PrefetchValue.Provided(v));
            } else {
                throw CdsProblem.invalid("prefetch '" + e.getKey() + "' must be a FHIR resource or null, not "
                        + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String requiredText(JsonNode node, String field) throws CdsProblem {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw CdsProblem.required(field + " is required and must be a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
