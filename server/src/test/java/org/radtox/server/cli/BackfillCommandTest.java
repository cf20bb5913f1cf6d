package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import org.radtox.server.config.ServerSettings;
import org.radtox.server.extraction.Backfills;
import org.radtox.server.extraction.ExtractionJob;
import org.radtox.server.extraction.ExtractionQueue;

/** {@code radtox backfill status}, as an operator runs it against a server's data folder. */
class BackfillCommandTest {

    @TempDir
    Path data;

    private RadToxProcess.Result status() throws Exception {
        return RadToxProcess.run("backfill", "status", "--data-dir", data.toString());
    }

    @Test
    void beforeAnyBackfillItSaysSo() throws Exception {
        var r = status();
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("no backfill has run"), r.stdout());
    }

    @Test
    void aRunningBackfillShowsItsVersionAndProgress() throws Exception {
        // The tables as a server leaves them: 30 notes stored, a promotion's backfill with 20 of them enqueued, 5 done.
        Files.createDirectories(data);
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(new ServerSettings("127.0.0.1", 0, data, null, null, null, 0, 120, false, null).effectiveJdbcUrl());
        db.setUser("sa");
        var tm = new DataSourceTransactionManager(db);
        ExtractionQueue queue = new ExtractionQueue(db, tm, Duration.ofMinutes(2), 5);
        queue.createTable();
        for (int i = 0; i < 30; i++) {
            queue.enqueue(String.format("n%02d", i), 1, "embedded@A");
        }
        List<ExtractionJob> first;
        while (!(first = queue.claim("w", 50)).isEmpty()) {
            first.forEach(queue::complete);
        }
        Backfills backfills = new Backfills(db, tm, queue, 10);
        backfills.createTable();
        backfills.start(7, "embedded@B");
        backfills.advance();
        backfills.advance();
        queue.claim("w", 5).forEach(queue::complete);
        var r = status();
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("backfill 1 for embedded@B: running"), r.stdout());
        assertTrue(r.stdout().contains("30 stored at start, 20 enqueued, 5 done, 0 failed, 15 waiting"), r.stdout());
        assertTrue(r.stdout().contains("notes/s"), r.stdout());
    }
}
