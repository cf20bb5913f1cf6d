package org.radtox.fhir.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.radtox.fhir.RadToxFhir;

class ExtractionProvenanceTest {

    private static final String VERSION = "embedded@2026-11-28.1";
    private final DocumentReference note = Notes.stored("n1", "3", "p1", "Up 3x at night.");
    private final Device device = StudentDevice.of(VERSION);
    private final Date recorded = new Date(1_795_000_000_000L);

    @Test
    void theObservationsCameFromThisNoteVersionThroughThisStudent() {
        List<Reference> targets = List.of(new Reference("Observation/11/_history/1"), new Reference("Observation/12/_history/1"));
        Provenance p = ExtractionProvenance.of(targets, note, device, recorded);

        assertEquals(List.of("Observation/11/_history/1", "Observation/12/_history/1"),
                p.getTarget().stream().map(Reference::getReference).toList());
        assertEquals(recorded, p.getRecorded());
        assertEquals(Provenance.ProvenanceEntityRole.SOURCE, p.getEntityFirstRep().getRole());
        assertEquals("DocumentReference/n1/_history/3", p.getEntityFirstRep().getWhat().getReference());
        assertEquals("Device/" + StudentDevice.idFor(VERSION), p.getAgentFirstRep().getWho().getReference());
        assertEquals(RadToxFhir.HL7_PROVENANCE_PARTICIPANT_TYPE_SYSTEM, p.getAgentFirstRep().getType().getCodingFirstRep().getSystem());
        assertEquals("assembler", p.getAgentFirstRep().getType().getCodingFirstRep().getCode());
        assertEquals(RadToxFhir.HL7_DATA_OPERATION_SYSTEM, p.getActivity().getCodingFirstRep().getSystem());
        assertEquals("CREATE", p.getActivity().getCodingFirstRep().getCode());
        assertEquals(VERSION, p.getMeta().getTagFirstRep().getCode());
    }

    @Test
    void theCallersReferencesAreCopiedNotShared() {
        Reference target = new Reference("Observation/11");
        Provenance p = ExtractionProvenance.of(List.of(target), note, device, recorded);
        target.setReference("Observation/changed");
        assertEquals("Observation/11", p.getTargetFirstRep().getReference());
    }

    @Test
    void refusesWhatCannotBeAttested() {
        var noTargets = assertThrows(IllegalArgumentException.class, () -> ExtractionProvenance.of(List.of(), note, device, recorded));
        assertTrue(noTargets.getMessage().contains("at least one target"), noTargets.getMessage());
        var noDeviceId = assertThrows(IllegalArgumentException.class,
                () -> ExtractionProvenance.of(List.of(new Reference("Observation/1")), note, new Device(), recorded));
        assertTrue(noDeviceId.getMessage().contains("Device has no id"), noDeviceId.getMessage());
        note.setIdElement(new IdType("DocumentReference", "n1"));
        var noVersion = assertThrows(IllegalArgumentException.class,
                () -> ExtractionProvenance.of(List.of(new Reference("Observation/1")), note, device, recorded));
        assertTrue(noVersion.getMessage().contains("has no version id"), noVersion.getMessage());
    }
}
