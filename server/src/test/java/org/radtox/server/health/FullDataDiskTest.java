package org.radtox.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.fhir.FhirServer;

/**
 * The full data disk, for real: the embedded database's folder is a small tmpfs mounted for the test
 * (root only; skipped elsewhere, and said so), filled to the last byte while the node runs.
 */
class FullDataDiskTest {

    @Test
    void aFullDataDiskTakesTheNodeOutOfServiceWithTheReason_andItRecoversWhenSpaceIsFreed() throws Exception {
        Path mount = Files.createTempDirectory("radtox-small-disk");
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=160m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = m.waitFor(30, TimeUnit.SECONDS) && m.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + new String(m.getInputStream().readAllBytes()));
        try {
            Path data = mount.resolve("data");
            Files.createDirectories(data);
            ServerSettings settings = new ServerSettings("127.0.0.1", 0, data, null, null, null, 2, 120, false, null);
            try (FhirServer server = FhirServer.start(settings)) {
                NodeUnderTest node = new NodeUnderTest(server.port());
                NodeUnderTest.eventually(() -> node.ready().code() == 200, Duration.ofSeconds(30), () -> node.ready().body().toString());
                assertEquals(201, node.postNote("disk-1", "Up 3x at night to void."));
                NodeUnderTest.eventually(() -> observations(node, "disk-1") > 0, Duration.ofSeconds(60), () -> "disk-1 extracted");

                Path filler = mount.resolve("filler");
                fill(filler);
                NodeUnderTest.eventually(() -> node.ready().code() == 503, Duration.ofSeconds(30), () -> node.ready().body().toString());
                String dataDir = node.ready().check("data-dir");
                assertTrue(dataDir.startsWith("DOWN") && dataDir.contains("No space left on device"), dataDir);
                // Whatever the store does with a write now, a note it acknowledges must be there afterwards.
                int duringFull = node.postNote("disk-2", "Burning with urination since Tuesday.");

                Files.delete(filler);
                NodeUnderTest.eventually(() -> node.ready().code() == 200, Duration.ofSeconds(60), () -> node.ready().body().toString());
                assertEquals(201, node.postNote("disk-3", "Rectal bleeding on the tissue, no clots."));
                NodeUnderTest.eventually(() -> observations(node, "disk-3") > 0, Duration.ofSeconds(60), () -> "disk-3 extracted");
                assertEquals(1, node.count("DocumentReference?subject=Patient/disk-1"), "the note stored before the disk filled");
                if (duringFull == 201) {
                    assertEquals(1, node.count("DocumentReference?subject=Patient/disk-2"), "a note acknowledged on a full disk");
                }
            }
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(mount);
        }
    }

    private static int observations(NodeUnderTest node, String patient) {
        try {
            return node.count("Observation?subject=Patient/" + patient);
        } catch (Exception | AssertionError e) {
            return 0;
        }
    }

    /** Writes until the filesystem refuses: the disk is then full to the last block. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: that is the point.
        }
    }
}
