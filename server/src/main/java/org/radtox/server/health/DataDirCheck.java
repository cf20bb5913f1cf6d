package org.radtox.server.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data folder takes a write: the embedded database and the model-call ledger live there, and a full disk
 * must take the node out of the load balancer rather than fail request after request. A small file is written
 * and synced, because creating an empty file still succeeds on a full disk.
 */
public final class DataDirCheck implements Check {

    private static final int PROBE_BYTES = 64 * 1024;
    private final Path dir;

    public DataDirCheck(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "data-dir";
    }

    @Override
    public Result run() {
        Path probe = dir.resolve(".radtox-write-probe");
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(PROBE_BYTES);
            while (zeros.hasRemaining()) {
                ch.write(zeros);
            }
            ch.force(true);
            return Result.up(name(), dir.toAbsolutePath() + " is writable");
        } catch (IOException e) {
            return new Result(name(), Status.DOWN, "cannot write to " + dir.toAbsolutePath() + ": " + Causes.innermost(e)
                    + " (a full disk or a read-only mount?)");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // the next probe truncates it anyway
            }
        }
    }
}
