package org.radtox.cds.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Note text in a card's Markdown is shown as text, never as markup. */
class MarkdownTest {

    @Test
    void linksImagesHtmlAndEmphasisAreEscaped() {
        assertEquals("\\[x\\](http://e) \\!\\[i\\](y) \\<b\\> \\*a\\* \\_b\\_ \\`c\\`", Markdown.text("[x](http://e) ![i](y) <b> *a* _b_ `c`"));
    }

    @Test
    void aLineThatWouldBeAHeadingOrAListIsNot() {
        assertEquals("> \\# Plan\n> \\- item\n> 1\\. first\n", Markdown.quote("# Plan\n- item\n1. first"));
    }
}
