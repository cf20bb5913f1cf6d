package org.radtox.student.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The whole CTCAE v5.0 terminology, read from the official "Clean Copy" sheet shipped as a resource
 * ({@code catalog/CTCAE_v5.0.csv}, 837 terms). Immutable and safe to share.
 */
public final class CtcaeCatalog {

    public static final String VERSION = "5.0";
    private static final String RESOURCE = "CTCAE_v5.0.csv";
    private static volatile CtcaeCatalog bundled;

    private final Map<String, CtcaeTerm> byName;
    private final Map<Long, CtcaeTerm> byCode;

    private CtcaeCatalog(Map<String, CtcaeTerm> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        Map<Long, CtcaeTerm> codes = new LinkedHashMap<>();
        byName.values().forEach(t -> codes.put(t.meddraCode(), t));
        this.byCode = Collections.unmodifiableMap(codes);
    }

    /** The catalog bundled with RadTox, loaded once. */
    public static CtcaeCatalog bundled() {
        CtcaeCatalog c = bundled;
        if (c == null) {
            synchronized (CtcaeCatalog.class) {
                c = bundled;
                if (c == null) {
                    try (InputStream in = CtcaeCatalog.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("CTCAE sheet " + RESOURCE + " is missing from the classpath");
                        }
                        c = read(new InputStreamReader(in, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bundled = c;
                }
            }
        }
        return c;
    }

    /** Reads a sheet with the official columns: MedDRA Code, MedDRA SOC, CTCAE Term, Grade 1..5, Definition, ... */
    public static CtcaeCatalog read(Reader sheet) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, CtcaeTerm> terms = new LinkedHashMap<>();
        for (CSVRecord row : format.parse(sheet)) {
            Map<Integer, String> grades = new TreeMap<>();
            for (int g = 1; g <= 5; g++) {
                String criteria = row.get("Grade " + g).trim();
                // The sheet marks a grade the term does not have with "-" (some cells carry a dash variant).
                if (!criteria.isEmpty() && !criteria.matches("[-\u2013\u2014]")) {
                    grades.put(g, criteria);
                }
            }
            CtcaeTerm term = CtcaeTerm.of(Long.parseLong(row.get("MedDRA Code").trim()), row.get("MedDRA SOC").trim(),
                    row.get("CTCAE Term").trim(), grades, row.get("Definition").trim());
            terms.put(term.name(), term);
        }
        return new CtcaeCatalog(terms);
    }

    public Optional<CtcaeTerm> term(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<CtcaeTerm> term(long meddraCode) {
        return Optional.ofNullable(byCode.get(meddraCode));
    }

    public Collection<CtcaeTerm> terms() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }
}
