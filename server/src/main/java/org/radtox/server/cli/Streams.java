package org.radtox.server.cli;

import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the files the commands name, with "-" for stdin / stdout and messages a person can act on. */
final class Streams {

    private Streams() {
    }

    static InputStream input(String name) throws IOException {
        if ("-".equals(name)) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("input file not found: " + name);
        }
    }

    static Writer output(String name) throws IOException {
        OutputStream out = "-".equals(name) ? new java.io.FileOutputStream(java.io.FileDescriptor.out)
                : Files.newOutputStream(Path.of(name));
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Lines in a file, for the progress bar; -1 for stdin. */
    static long countLines(String name) throws IOException {
        if ("-".equals(name)) {
            return -1;
        }
        long n = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(Path.of(name)), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int r;
            int last = '\n';
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
                last = buf[r - 1];
            }
            return last == '\n' ? n : n + 1;
        }
    }
}
