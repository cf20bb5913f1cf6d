package org.radtox.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Demo patients for {@code radtox serve --demo}: four patients with three notes each, taken from the gold
 * set's train split (de-identified by construction), stored once on first start so that a newcomer sees
 * Observations in seconds.
 */
public final class DemoData {

    public static final String TAG_SYSTEM = "http://radtox.org/fhir/demo";
    private static final String RESOURCE = "demo-notes.jsonl";

    private DemoData() {
    }

    /** Loads the demo notes unless they are there already; returns how many notes were stored. */
    public static int load(DaoRegistry daos, IFhirSystemDao<Bundle, ?> system) {
        SystemRequestDetails request = new SystemRequestDetails();
        var existing = daos.getResourceDao(DocumentReference.class)
                .search(SearchParameterMap.newSynchronous().add("_tag", new TokenParam(TAG_SYSTEM, "demo")), request);
        if (!existing.isEmpty()) {
            return 0;
        }
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        java.util.Set<String> patients = new java.util.LinkedHashSet<>();
        int notes = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(DemoData.class.getResourceAsStream(RESOURCE),
                StandardCharsets.UTF_8))) {
            ObjectMapper json = new ObjectMapper();
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = json.readTree(line);
                String patient = n.get("patient").asText();
                if (patients.add(patient)) {
                    Patient p = new Patient();
                    p.setId(patient);
                    p.addName(new HumanName().setText("Demo patient " + patient.substring(patient.indexOf('-') + 1)));
                    p.getMeta().addTag(TAG_SYSTEM, "demo", "RadTox demo data");
                    tx.addEntry().setResource(p).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + patient);
                }
                DocumentReference note = new DocumentReference();
                note.getMeta().addTag(TAG_SYSTEM, "demo", "RadTox demo data");
                note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
                note.setSubject(new Reference("Patient/" + patient));
                note.setDateElement(new org.hl7.fhir.r4.model.InstantType(n.get("date").asText()));
                note.setDescription(n.path("type").asText() + " (gold note " + n.get("source").asText() + ")");
                if (n.hasNonNull("type")) {
                    // The kind of note, which the dashboard filters by.
                    note.setType(new org.hl7.fhir.r4.model.CodeableConcept().setText(n.get("type").asText()));
                }
                note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                        .setData(n.get("text").asText().getBytes(StandardCharsets.UTF_8)));
                tx.addEntry().setResource(note).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");
                notes++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        system.transaction(request, tx);
        return notes;
    }
}
