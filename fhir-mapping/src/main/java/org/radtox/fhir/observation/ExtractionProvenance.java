package org.radtox.fhir.observation;

import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.radtox.fhir.RadToxFhir;

/**
 * One {@link Provenance} per extraction: these Observations (target) were made from this note version
 * (entity, role source) by this student version (agent, a Device). It is what an auditor follows from a
 * toxicity back to the words and the software behind it.
 */
public final class ExtractionProvenance {

    /**
     * R4's v3-DataOperation has no {@code DERIVE} (it came later), so the offline validator would reject
     * it as an unknown code; {@code CREATE} is in R4's provenance-activity-type value set and says what
     * happened to the targets. That they are derived from the note is said by the entity's role.
     */
    static final String ACTIVITY = "CREATE";

    private ExtractionProvenance() {
    }

    /**
     * @param targets  references to the Observations written (as the server assigned them, ideally versioned)
     * @param note     the stored note version they were read from (id and version required)
     * @param device   the student's Device ({@link StudentDevice#of}), with its id
     * @param recorded when the extraction was recorded
     */
    public static Provenance of(List<Reference> targets, DocumentReference note, Device device, Date recorded) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(recorded, "recorded");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a Provenance needs at least one target; an extraction that found"
                    + " nothing wrote no Observation to attest");
        }
        if (!device.getIdElement().hasIdPart()) {
            throw new IllegalArgumentException("the Device has no id: use StudentDevice.of(version)");
        }
        String version = studentVersion(device);
        Provenance p = new Provenance();
        if (version != null) {
            p.getMeta().addTag(RadToxFhir.STUDENT_VERSION_SYSTEM, version, null);
        }
        targets.forEach(t -> p.addTarget(t.copy()));
        p.setRecorded(recorded);
        p.getActivity().addCoding(new Coding(RadToxFhir.HL7_DATA_OPERATION_SYSTEM, ACTIVITY, "create"));
        p.getActivity().setText("Toxicity findings extracted from a clinical note");
        Provenance.ProvenanceAgentComponent agent = p.addAgent();
        agent.getType().addCoding(new Coding(RadToxFhir.HL7_PROVENANCE_PARTICIPANT_TYPE_SYSTEM, "assembler", "Assembler"));
        agent.setWho(new Reference("Device/" + device.getIdElement().getIdPart())
                .setDisplay(version == null ? null : "RadTox student " + version));
        p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(NoteReferences.versioned(note));
        return p;
    }

    private static String studentVersion(Device device) {
        return device.getIdentifier().stream()
                .filter(i -> RadToxFhir.STUDENT_VERSION_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
    }
}
