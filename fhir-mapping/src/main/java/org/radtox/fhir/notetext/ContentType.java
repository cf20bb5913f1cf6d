package org.radtox.fhir.notetext;

import java.util.Locale;

/**
 * A MIME content type split into its media type and charset parameter, e.g.
 * {@code text/plain; charset="ISO-8859-1"} -> {@code text/plain} + {@code ISO-8859-1}. Other parameters
 * are ignored; the media type is lower-cased because MIME types are case-insensitive.
 *
 * @param declared  the content type as written, for messages
 * @param mediaType the lower-case type/subtype
 * @param charset   the charset parameter, or {@code null} when there is none
 */
record ContentType(String declared, String mediaType, String charset) {

    static ContentType parse(String declared) {
        String[] parts = declared.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("charset")) {
                charset = unquote(parts[i].substring(eq + 1).trim());
            }
        }
        return new ContentType(declared.trim(), mediaType, charset == null || charset.isEmpty() ? null : charset);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
