package org.radtox.fhir.notetext;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The text of an HTML note as a reader sees it: entities decoded, whitespace collapsed as a browser
 * does, and a line break wherever a block ends or a {@code <br>} stands. The line breaks matter: the
 * student finds section headers and list items by lines, and {@code Element.text()} would run them
 * all together.
 */
final class HtmlToText {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "caption", "dd",
            "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
            "tfoot", "thead", "tr", "ul");
    private static final Set<String> CELLS = Set.of("td", "th");
    /** Never text a reader sees. */
    private static final Set<String> HIDDEN = Set.of("script", "style", "template", "noscript", "head", "title");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private HtmlToText() {
    }

    static String text(String html) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            private int preDepth;

            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    appendText(out, t.getWholeText(), preDepth > 0);
                } else if (node instanceof Element e) {
                    String name = e.normalName();
                    if (HIDDEN.contains(name)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (name.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(name)) {
                        lineBreak(out);
                    } else if (CELLS.contains(name) && !endsWithSpace(out)) {
                        out.append(' ');
                    }
                    if (name.equals("pre")) {
                        preDepth++;
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.normalName().equals("pre")) {
                        preDepth--;
                    }
                    if (BLOCKS.contains(e.normalName())) {
                        lineBreak(out);
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, Jsoup.parse(html).body());
        return tidy(out);
    }

    private static void appendText(StringBuilder out, String text, boolean preformatted) {
        if (preformatted) {
            out.append(text);
            return;
        }
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ");
        if (collapsed.startsWith(" ") && endsWithSpace(out)) {
            collapsed = collapsed.substring(1);
        }
        out.append(collapsed);
    }

    private static boolean endsWithSpace(StringBuilder out) {
        return out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1));
    }

    private static void lineBreak(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** No spaces around line ends, at most one blank line in a row, nothing blank at either end. */
    private static String tidy(StringBuilder out) {
        StringBuilder lines = new StringBuilder(out.length());
        for (String line : out.toString().split("\n", -1)) {
            lines.append(line.strip()).append('\n');
        }
        return BLANK_LINES.matcher(lines).replaceAll("\n\n").strip();
    }
}
