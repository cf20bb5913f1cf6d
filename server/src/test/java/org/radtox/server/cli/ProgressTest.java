package org.radtox.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void drawsABarWithCountsWhenAPersonIsWatching() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "notes", 10)) {
            p.advanceTo(5);
        }
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("[###############...............] 5/10 notes"), drawn);
        assertTrue(drawn.endsWith(System.lineSeparator()), "the bar ends its line when done");
    }

    @Test
    void staysSilentForPipesAndLogs() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress p = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, "notes", 10)) {
            p.advanceTo(10);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
