package org.radtox.cds.invocation;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * A DocumentReference as it arrived, parsed only when a worker reads it: prefetched JSON, or fetched from the
 * EHR (already parsed by the client).
 */
sealed interface NoteEntry {

    /** Where it came from, for a message: {@code recentNotes entry 3}. */
    String label();

    DocumentReference parse(FhirContext fhir);

    record Prefetched(String label, JsonNode json) implements NoteEntry {
        @Override
        public DocumentReference parse(FhirContext fhir) {
            return fhir.newJsonParser().parseResource(DocumentReference.class, json.toString());
        }
    }

    record Fetched(String label, DocumentReference document) implements NoteEntry {
        @Override
        public DocumentReference parse(FhirContext fhir) {
            return document;
        }
    }
}
