package org.radtox.fhir.observation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Device;
import org.radtox.fhir.RadToxFhir;

/**
 * The student version as a FHIR {@link Device}: what every toxicity Observation names in {@code device}
 * and every extraction Provenance names as its agent. Its id is derived from the version, so the server
 * can write it with an update-as-create ({@code PUT Device/{id}}) as often as it likes and every node
 * arrives at the same resource.
 */
public final class StudentDevice {

    private static final String ID_PREFIX = "student-";
    private static final int MAX_ID_LENGTH = 64;
    private static final Pattern NOT_ID_CHAR = Pattern.compile("[^A-Za-z0-9.\\-]");

    private StudentDevice() {
    }

    public static Device of(String studentVersion) {
        String version = requireVersion(studentVersion);
        Device device = new Device();
        device.setId(idFor(version));
        device.getMeta().addTag(RadToxFhir.STUDENT_VERSION_SYSTEM, version, null);
        device.addIdentifier().setSystem(RadToxFhir.STUDENT_VERSION_SYSTEM).setValue(version);
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.setManufacturer("RadTox");
        device.addDeviceName().setName("RadTox student " + version).setType(Device.DeviceNameType.MODELNAME);
        device.getType().setText("Software that extracts CTCAE toxicities from clinical notes");
        device.addVersion().setValue(version);
        return device;
    }

    /**
     * {@code student-} and the version with every character a FHIR id cannot hold replaced by {@code -}
     * ({@code embedded@2026-11-28.1} -> {@code student-embedded-2026-11-28.1-<hash>}). Replacing is lossy
     * ({@code a@b} and {@code a_b} would meet), and two versions must never share a Device, so whenever
     * anything was replaced or cut, 8 hex digits of the version's SHA-256 follow.
     */
    public static String idFor(String studentVersion) {
        String version = requireVersion(studentVersion);
        String sanitized = NOT_ID_CHAR.matcher(version).replaceAll("-");
        String id = ID_PREFIX + sanitized;
        if (sanitized.equals(version) && id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        String hash = "-" + sha256Hex(version).substring(0, 8);
        return id.substring(0, Math.min(id.length(), MAX_ID_LENGTH - hash.length())) + hash;
    }

    private static String requireVersion(String studentVersion) {
        Objects.requireNonNull(studentVersion, "studentVersion");
        if (studentVersion.isBlank()) {
            throw new IllegalArgumentException("student version is blank");
        }
        return studentVersion;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
