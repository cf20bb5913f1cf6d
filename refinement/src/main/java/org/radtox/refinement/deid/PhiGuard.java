package org.radtox.refinement.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.radtox.refinement.goldset.Attestation.YearRange;
import org.radtox.refinement.goldset.GoldNote;

/**
 * The de-identification check that runs, in code, before any note leaves the site: person names (after a
 * title, or from a names dictionary), dates, MRN / SSN / phone / fax / e-mail / URL / IP / street-address
 * patterns, and ages over 89. A hit refuses the whole call and lists the spans, unless the operator gave an
 * explicit override, which is logged with its reason. A gold set's attestation may declare the years its
 * dates were written in ("Synthetic date years: 2031-2033"); a date in those years is not a hit.
 */
public final class PhiGuard {

    private record Rule(PhiKind kind, Pattern pattern) {
    }

    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final List<Rule> RULES = List.of(
            new Rule(PhiKind.EMAIL, Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+")),
            new Rule(PhiKind.URL, Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s\"<>]+")),
            new Rule(PhiKind.IP_ADDRESS, Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b")),
            new Rule(PhiKind.SSN, Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b|(?i)\\bSSN\\s*[:#]?\\s*\\d{9}\\b")),
            new Rule(PhiKind.FAX, Pattern.compile("(?i)\\bfax\\b\\W{0,4}(?:\\+?1[-.\\s]?)?(?:\\(\\d{3}\\)\\s*|\\d{3}[-.\\s])\\d{3}[-.\\s]\\d{4}\\b")),
            new Rule(PhiKind.PHONE, Pattern.compile("(?:\\+?1[-.\\s]?)?(?:\\(\\d{3}\\)\\s*|\\b\\d{3}[-.\\s])\\d{3}[-.]\\d{4}\\b")),
            new Rule(PhiKind.MRN, Pattern.compile("(?i)\\b(?:MRN|MR#|medical record(?:\\s+(?:number|no\\.?|#))?|acct(?:ount)?\\s*#?|"
                    + "patient id)\\s*[:#]?\\s*[A-Z0-9][A-Z0-9-]{4,}\\b|\\b\\d{7,}\\b")),
            new Rule(PhiKind.DATE, Pattern.compile("\\b(?:\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})|(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.]"
                    + "(?:0?[1-9]|[12]\\d|3[01]))\\b|\\b" + MONTH + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?\\b|\\b\\d{1,2}\\s+"
                    + MONTH + "\\.?,?\\s+(?:19|20)\\d{2}\\b|(?i)\\b(?:DOB|date of birth)\\s*[:#]?\\s*\\S+")),
            new Rule(PhiKind.ADDRESS, Pattern.compile("\\b\\d{1,5}\\s+(?:[A-Z][a-z]+\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|"
                    + "Blvd|Lane|Ln|Drive|Court|Ct|Way|Place|Terrace|Parkway|Pkwy)\\b\\.?|\\b[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?\\b")),
            new Rule(PhiKind.AGE_OVER_89, Pattern.compile("(?i)\\b(?:9\\d|1[0-4]\\d)\\s*-?\\s*(?:yo|y/o|y\\.o\\.|years?[- ]old|yrs?[- ]old)\\b"
                    + "|(?i)\\bage[sd]?\\s*:?\\s*(?:9\\d|1[0-4]\\d)\\b")),
            new Rule(PhiKind.PERSON_NAME, Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.?[ \\t]+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?")));
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
    private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][a-z]+(?:'[a-z]+)?\\b");
    /** Titles and eponyms that a name after "Dr." would otherwise mistake. */
    private static final Set<String> NOT_A_NAME_AFTER_TITLE = Set.of("On", "Call", "Notified", "Aware", "Office", "Note", "Visit");

    private final Set<String> names;
    private final YearRange syntheticYears;

    private PhiGuard(Set<String> names, YearRange syntheticYears) {
        this.names = names;
        this.syntheticYears = syntheticYears;
    }

    /** The check with the bundled names dictionary; {@code syntheticYears} may be {@code null}. */
    public static PhiGuard create(YearRange syntheticYears) {
        return new PhiGuard(bundledNames(), syntheticYears);
    }

    /** Every possible identifier in the note, in text order. */
    public List<PhiSpan> scan(String noteId, String text) {
        List<PhiSpan> spans = new ArrayList<>();
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(text);
            while (m.find()) {
                if (r.kind() == PhiKind.DATE && synthetic(m.group())) {
                    continue;
                }
                if (r.kind() == PhiKind.PERSON_NAME && NOT_A_NAME_AFTER_TITLE.contains(m.group().replaceFirst("^\\S+\\s+", ""))) {
                    continue;
                }
                if (r.kind() == PhiKind.PHONE && spans.stream().anyMatch(s -> s.kind() == PhiKind.FAX && s.end() >= m.end() && s.start() <= m.start())) {
                    continue;
                }
                spans.add(new PhiSpan(noteId, r.kind(), m.start(), m.end(), m.group()));
            }
        }
        Matcher m = CAPITALISED.matcher(text);
        while (m.find()) {
            if (names.contains(m.group().toLowerCase(Locale.ROOT))
                    && spans.stream().noneMatch(s -> s.start() <= m.start() && s.end() >= m.end())) {
                spans.add(new PhiSpan(noteId, PhiKind.PERSON_NAME, m.start(), m.end(), m.group()));
            }
        }
        spans.sort(Comparator.comparingInt(PhiSpan::start));
        return spans;
    }

    public List<PhiSpan> scan(List<GoldNote> notes) {
        List<PhiSpan> out = new ArrayList<>();
        for (GoldNote n : notes) {
            out.addAll(scan(n.id(), n.text()));
        }
        return out;
    }

    /**
     * Lets the notes through, or refuses them. With an override, hits are let through and the override is
     * written to {@code audit} with its reason and the spans; without one, any hit refuses the whole call.
     *
     * @param override the operator's stated reason, or {@code null}
     */
    public void check(List<GoldNote> notes, String override, Consumer<String> audit) {
        List<PhiSpan> hits = scan(notes);
        if (hits.isEmpty()) {
            return;
        }
        if (override == null || override.isBlank()) {
            throw new PhiRefusedException(hits);
        }
        Objects.requireNonNull(audit, "audit").accept("PHI OVERRIDE by operator (" + override + "): sending " + notes.size()
                + " note(s) with " + hits.size() + " possible identifier(s): "
                + String.join("; ", hits.stream().map(PhiSpan::describe).toList()));
    }

    private boolean synthetic(String date) {
        if (syntheticYears == null) {
            return false;
        }
        Matcher y = YEAR.matcher(date);
        return y.find() && syntheticYears.contains(Integer.parseInt(y.group()));
    }

    private static Set<String> bundledNames() {
        Set<String> names = new HashSet<>();
        try (var in = PhiGuard.class.getResourceAsStream("person-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("person-names.txt is missing next to " + PhiGuard.class.getName());
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> names.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
