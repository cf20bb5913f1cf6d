package org.radtox.cds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small charts for the tests: notes as an EHR sends them (DocumentReference with inline text), searchset
 * Bundles, and hook calls shaped like the examples of the CDS Hooks 2.0 specification.
 */
final class Charts {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATIENT = "1288992";

    /** Grade 1 nocturia and dysuria, no diarrhea. */
    static final String WEEK_4 = "Week 4 of RT. Up 3x at night to void. Mild burning with urination. No diarrhea.";
    /** Grade 2 proctitis; hematuria denied. */
    static final String PROCTITIS_G2 = "Week 6 of RT. Rectal urgency with mucus, proctitis grade 2, started hydrocortisone"
            + " suppositories. Denies hematuria.";
    /** Nocturia up to grade 2, diarrhea and proctitis grade 2, the burning gone. */
    static final String WEEK_8 = "Week 8 of RT. Up 4 times at night, started tamsulosin for nocturia. Burning resolved. Loose"
            + " stools 5 per day over baseline, started loperamide. Rectal urgency with mucus, proctitis grade 2, started"
            + " hydrocortisone suppositories.";
    /** Grade 3 hematuria and radiation cystitis. */
    static final String GROSS_HEMATURIA = "ED visit: gross hematuria with clots requiring bladder irrigation and transfusion"
            + " of 2 units. Radiation cystitis.";
    /** Nothing RadTox watches for. */
    static final String NOTHING = "Follow-up visit. PSA undetectable. Patient doing well, walking daily.";

    private Charts() {
    }

    static ObjectNode note(String id, String version, String date, String patient, String text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("resourceType", "DocumentReference");
        n.put("id", id);
        if (version != null) {
            n.putObject("meta").put("versionId", version);
        }
        n.put("status", "current");
        if (patient != null) {
            n.putObject("subject").put("reference", "Patient/" + patient);
        }
        if (date != null) {
            n.put("date", date + "T10:00:00Z");
        }
        ObjectNode attachment = n.putArray("content").addObject().putObject("attachment");
        attachment.put("contentType", "text/plain; charset=utf-8");
        attachment.put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return n;
    }

    static ObjectNode note(String id, String date, String text) {
        return note(id, "1", date, PATIENT, text);
    }

    static String searchset(ObjectNode... resources) {
        return bundle(List.of(resources)).toString();
    }

    static ObjectNode bundle(List<ObjectNode> resources) {
        ObjectNode b = JSON.createObjectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        b.put("total", resources.size());
        ArrayNode entries = b.putArray("entry");
        for (ObjectNode r : resources) {
            ObjectNode e = entries.addObject();
            e.put("fullUrl", "http://ehr.example/fhir/" + r.path("resourceType").asText() + "/" + r.path("id").asText());
            e.set("resource", r);
            e.putObject("search").put("mode", "match");
        }
        return b;
    }

    /**
     * A hook call like the specification's example: hookInstance, fhirServer, hook, fhirAuthorization, context
     * (userId, patientId, encounterId) and prefetch.
     */
    static ObjectNode call(String hook) {
        ObjectNode c = JSON.createObjectNode();
        c.put("hookInstance", UUID.randomUUID().toString());
        c.put("hook", hook);
        ObjectNode context = c.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", PATIENT);
        context.put("encounterId", "89284");
        return c;
    }

    static ObjectNode patientView(ObjectNode... notes) {
        ObjectNode c = call("patient-view");
        ObjectNode prefetch = c.putObject("prefetch");
        prefetch.set("recentNotes", bundle(List.of(notes)));
        prefetch.putNull("recordedToxicities");
        return c;
    }

    /** The fhirServer / fhirAuthorization pair of the specification's example, pointing at a (fake) EHR. */
    static ObjectNode withFhirServer(ObjectNode call, String fhirServer, String accessToken) {
        call.put("fhirServer", fhirServer);
        ObjectNode a = call.putObject("fhirAuthorization");
        a.put("access_token", accessToken);
        a.put("token_type", "Bearer");
        a.put("expires_in", 300);
        a.put("scope", "patient/DocumentReference.read patient/Observation.read");
        a.put("subject", "radtox-cds");
        return call;
    }
}
