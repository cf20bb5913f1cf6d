package org.radtox.fhir.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Device;
import org.junit.jupiter.api.Test;
import org.radtox.fhir.RadToxFhir;

class StudentDeviceTest {

    private static final String FHIR_ID = "[A-Za-z0-9\\-.]{1,64}";

    @Test
    void namesTheVersionEverywhereAClientLooks() {
        Device d = StudentDevice.of("embedded@2026-11-28.1");
        assertEquals(StudentDevice.idFor("embedded@2026-11-28.1"), d.getIdElement().getIdPart());
        assertEquals(RadToxFhir.STUDENT_VERSION_SYSTEM, d.getIdentifierFirstRep().getSystem());
        assertEquals("embedded@2026-11-28.1", d.getIdentifierFirstRep().getValue());
        assertEquals("RadTox student embedded@2026-11-28.1", d.getDeviceNameFirstRep().getName());
        assertEquals(Device.DeviceNameType.MODELNAME, d.getDeviceNameFirstRep().getType());
        assertEquals("embedded@2026-11-28.1", d.getVersionFirstRep().getValue());
        assertEquals("embedded@2026-11-28.1", d.getMeta().getTagFirstRep().getCode());
    }

    @Test
    void theIdIsStableReadableAndAValidFhirId() {
        String id = StudentDevice.idFor("embedded@2026-11-28.1");
        assertEquals(id, StudentDevice.idFor("embedded@2026-11-28.1"));
        assertTrue(id.startsWith("student-embedded-2026-11-28.1-"), id);
        assertTrue(id.matches(FHIR_ID), id);
        assertEquals("student-llm-1.2.0", StudentDevice.idFor("llm-1.2.0"), "nothing to replace: no hash");
    }

    @Test
    void versionsThatSanitizeAlikeStillGetTheirOwnDevice() {
        List<String> versions = List.of("a@b", "a_b", "a-b", "a b", "x".repeat(100), "x".repeat(99) + "y");
        Set<String> ids = versions.stream().map(StudentDevice::idFor).collect(Collectors.toSet());
        assertEquals(versions.size(), ids.size(), ids.toString());
        ids.forEach(id -> assertTrue(id.matches(FHIR_ID), id));
        assertNotEquals(StudentDevice.idFor("a@b"), StudentDevice.idFor("a-b"));
    }

    @Test
    void aBlankVersionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StudentDevice.of(" "));
        assertThrows(NullPointerException.class, () -> StudentDevice.idFor(null));
    }
}
