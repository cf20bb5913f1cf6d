package org.radtox.cds.invocation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prefetch template with its tokens replaced by the hook context, as a CDS Client does before it prefetches:
 * the relative FHIR URL RadTox asks the EHR's FHIR server itself when the client did not prefetch a key.
 */
public final class PrefetchTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*context\\.([A-Za-z]+)\\s*}}");

    private PrefetchTemplate() {
    }

    /** @throws IllegalArgumentException when a token names a context field this call does not have */
    public static String render(String template, HookContext context) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = context.token(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prefetch template " + template + " needs context." + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
