package org.radtox.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.radtox.student.finding.Finding;

/** Findings as a table a person reads in a terminal: note, symptom, status, grade, evidence. */
final class TableWriter {

    private static final int QUOTE_WIDTH = 70;
    private final List<String[]> rows = new ArrayList<>();

    void add(String id, List<Finding> findings, String error) {
        if (error != null) {
            rows.add(new String[] {String.valueOf(id), "ERROR", "", "", error});
            return;
        }
        if (findings.isEmpty()) {
            rows.add(new String[] {id, "(no findings)", "", "", ""});
        }
        for (Finding f : findings) {
            rows.add(new String[] {id, f.symptom(), f.status().code(), f.grade() == null ? "?" : f.grade().toString(),
                    quote(f.evidence().text())});
        }
    }

    void finish(PrintWriter out) {
        String[] header = {"note", "symptom", "status", "grade", "evidence"};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        print(out, header, width);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        String previous = null;
        for (String[] r : rows) {
            String[] shown = r.clone();
            if (r[0].equals(previous)) {
                shown[0] = "";
            }
            previous = r[0];
            print(out, shown, width);
        }
        out.flush();
    }

    private static void print(PrintWriter out, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == cells.length - 1 ? cells[i] : String.format("%-" + width[i] + "s  ", cells[i]));
        }
        out.println(b.toString().stripTrailing());
    }

    private static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() > QUOTE_WIDTH ? oneLine.substring(0, QUOTE_WIDTH - 1) + "…" : oneLine) + "\"";
    }
}
