package org.radtox.refinement.goldset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gold folder's {@code ATTESTATION.md}: how its notes were de-identified, in the words of whoever made it.
 * One line is read by RadTox: {@code Synthetic date years: 2031-2033} declares that dates in those years were
 * written or shifted there, so the PHI check does not count them as real dates. Every other date still counts.
 *
 * @param syntheticYears the declared years, or {@code null} when the attestation declares none
 */
public record Attestation(Path file, String text, YearRange syntheticYears) {

    public static final String FILE = "ATTESTATION.md";
    private static final Pattern YEARS = Pattern.compile("(?im)^[\\s*>-]*\\**synthetic date years\\**\\s*:\\s*\\**\\s*(\\d{4})\\s*(?:-|\\u2013|to)\\s*(\\d{4})");

    /** Inclusive range of years. */
    public record YearRange(int from, int to) {
        public boolean contains(int year) {
            return year >= from && year <= to;
        }
    }

    public static Attestation read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new GoldSetFormatException("gold folder " + dir + " has no " + FILE + ": a gold set must state how its notes "
                    + "were de-identified before refinement may use it");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new GoldSetFormatException(file + " is empty: it must state how the notes were de-identified");
        }
        Matcher m = YEARS.matcher(text);
        YearRange years = null;
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (b < a) {
                throw new GoldSetFormatException(file + ": synthetic date years " + a + "-" + b + " run backwards");
            }
            years = new YearRange(a, b);
        }
        return new Attestation(file, text, years);
    }
}
