package org.radtox.refinement.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, written once and rendered twice (Markdown and HTML), so the two never say
 * different things.
 */
public final class ReportDocument {

    /** The closed set of things a report holds. */
    public sealed interface Block permits Heading, Paragraph, Table, Image, Bullets {
    }

    public record Heading(int level, String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    public record Image(String file, String alt) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    public ReportDocument heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public ReportDocument paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    public ReportDocument table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    public ReportDocument image(String file, String alt) {
        blocks.add(new Image(file, alt));
        return this;
    }

    public ReportDocument bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                b.append(p.text()).append("\n\n");
            } else if (block instanceof Table t) {
                b.append("| ").append(String.join(" | ", t.header().stream().map(ReportDocument::cell).toList())).append(" |\n|");
                t.header().forEach(h -> b.append("---|"));
                b.append('\n');
                for (List<String> row : t.rows()) {
                    b.append("| ").append(String.join(" | ", row.stream().map(ReportDocument::cell).toList())).append(" |\n");
                }
                b.append('\n');
            } else if (block instanceof Image i) {
                b.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
            } else if (block instanceof Bullets l) {
                l.items().forEach(item -> b.append("- ").append(item).append('\n'));
                b.append('\n');
            }
        }
        return b.toString();
    }

    public String html(String title) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;"
                        + "padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
                        + "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}"
                        + "img{max-width:100%}code{background:#f6f6f6}</style></head><body>\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                b.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Table t) {
                b.append("<table><thead><tr>");
                t.header().forEach(h -> b.append("<th>").append(inline(h)).append("</th>"));
                b.append("</tr></thead><tbody>\n");
                for (List<String> row : t.rows()) {
                    b.append("<tr>");
                    row.forEach(c -> b.append("<td>").append(inline(c)).append("</td>"));
                    b.append("</tr>\n");
                }
                b.append("</tbody></table>\n");
            } else if (block instanceof Image i) {
                b.append("<p><img src=\"").append(escape(i.file())).append("\" alt=\"").append(escape(i.alt())).append("\"></p>\n");
            } else if (block instanceof Bullets l) {
                b.append("<ul>");
                l.items().forEach(item -> b.append("<li>").append(inline(item)).append("</li>"));
                b.append("</ul>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** HTML-escaped, with Markdown's `code` and **bold** carried over. */
    private static String inline(String s) {
        return escape(s).replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
