package org.radtox.cds.cards;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.chart.SkippedEntry;
import org.radtox.fhir.RadToxFhir;
import org.radtox.fhir.observation.ToxicityObservationMapper;
import org.radtox.student.catalog.CtcaeCatalog;

/**
 * Turns the toxicity courses of a chart into cards a clinician can act on: one card per urgency band
 * ({@link Band}), each with a summary, a Markdown detail (the quotes, the CTCAE criteria of the grade, the
 * trend), a suggestion per toxicity to record it, the override reasons, and links to RadTox. Toxicities the EHR
 * has recorded already make no card of their own. No course, no card: {@code {"cards": []}}.
 */
public final class CardWriter {

    private static final Card.Coding TOPIC = new Card.Coding(RadToxFhir.TOXICITY_CATEGORY, RadToxFhir.CATEGORY_SYSTEM,
            "Radiotherapy toxicity (CTCAE v" + CtcaeCatalog.VERSION + ")");
    private static final int MAX_EARLIER_SHOWN = 4;

    private final RecordingSuggestions suggestions;

    /** @param cacheMaxObservations suggested Observations kept, so that a chart opened again is not mapped again */
    public CardWriter(FhirContext fhir, ToxicityObservationMapper mapper, ObjectMapper json, int cacheMaxObservations) {
        this.suggestions = new RecordingSuggestions(fhir, mapper, json, cacheMaxObservations);
    }

    public WrittenCards write(PatientChart chart, List<SymptomCourse> courses, CardLinks links, String studentVersion,
            Duration deadline, Instant now) {
        Map<Band, List<SymptomCourse>> bands = new EnumMap<>(Band.class);
        courses.forEach(c -> bands.computeIfAbsent(Band.of(c), b -> new ArrayList<>()).add(c));
        List<Card> cards = new ArrayList<>();
        List<IssuedCard> issued = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Date issuedAt = Date.from(now);
        for (Map.Entry<Band, List<SymptomCourse>> band : bands.entrySet()) {
            List<SymptomCourse> news = band.getValue().stream().filter(c -> !c.alreadyRecorded()).toList();
            if (news.isEmpty()) {
                continue;
            }
            List<SymptomCourse> recorded = band.getValue().stream().filter(SymptomCourse::alreadyRecorded).toList();
            String uuid = UUID.randomUUID().toString();
            StringBuilder detail = new StringBuilder();
            List<Card.Suggestion> offered = new ArrayList<>();
            List<IssuedCard.Finding> findings = new ArrayList<>();
            for (SymptomCourse c : news) {
                RecordingSuggestions.Offer offer = suggestions.offer(c, studentVersion, issuedAt);
                if (offer.suggestion() != null) {
                    offered.add(offer.suggestion());
                }
                detail.append(courseDetail(c, offer.notOfferedBecause())).append('\n');
                findings.add(issuedFinding(c, offer.suggestion() == null ? null : offer.suggestion().uuid()));
                texts.put(c.note().textSha256(), c.note().text());
            }
            if (!recorded.isEmpty()) {
                detail.append("Already recorded in the chart: ").append(recorded.stream()
                        .map(c -> c.name() + (c.grade() == null ? "" : " grade " + c.grade())).collect(Collectors.joining(", ")))
                        .append(".\n\n");
            }
            detail.append(footer(chart, studentVersion, deadline));
            String summary = CardSummary.of(news);
            boolean suggests = !offered.isEmpty();
            cards.add(new Card(uuid, summary, detail.toString(), band.getKey().indicator(),
                    new Card.Source("RadTox (CTCAE v" + CtcaeCatalog.VERSION + ")", links.home(), null, TOPIC),
                    suggests ? offered : null, suggests ? "any" : null, OverrideReasons.all(),
                    links.links(chart.patientId(), uuid)));
            issued.add(new IssuedCard(uuid, band.getKey().indicator(), summary, findings));
        }
        return new WrittenCards(cards, issued, texts, chart.notesUnread());
    }

    private static String courseDetail(SymptomCourse c, String notOfferedBecause) {
        StringBuilder d = new StringBuilder();
        String heading = c.symptom().display() + ": " + (c.resolved() ? "resolved"
                : (c.grade() == null ? "grade not stated" : "CTCAE grade " + c.grade()) + ", " + c.trend().word());
        d.append("**").append(Markdown.text(heading)).append("**\n\n");
        d.append(Markdown.quote(c.finding().evidence().text())).append('\n');
        d.append("From the note of ").append(c.note().date() == null ? "unknown date" : c.note().date())
                .append(" (").append(Markdown.text(c.note().reference())).append(").");
        if (!c.resolved() && c.grade() != null) {
            c.symptom().term().criteria(c.grade()).ifPresent(criteria -> d.append(" CTCAE v").append(CtcaeCatalog.VERSION)
                    .append(" grade ").append(c.grade()).append(": *").append(Markdown.text(criteria.strip())).append("*."));
        }
        if (!c.earlier().isEmpty()) {
            d.append(" Earlier: ").append(c.earlier().stream().limit(MAX_EARLIER_SHOWN).map(CoursePoint::describe)
                    .collect(Collectors.joining("; "))).append(c.earlier().size() > MAX_EARLIER_SHOWN ? "; ..." : "").append('.');
        } else {
            d.append(" Not documented in the earlier notes read.");
        }
        if (notOfferedBecause != null) {
            d.append(" Not offered for recording: ").append(Markdown.text(notOfferedBecause)).append('.');
        }
        return d.append("\n").toString();
    }

    private static String footer(PatientChart chart, String studentVersion, Duration deadline) {
        StringBuilder f = new StringBuilder("---\n\n");
        int read = chart.notes().size();
        f.append("Read by RadTox student ").append(Markdown.text(studentVersion)).append(" in ").append(read)
                .append(read == 1 ? " note" : " notes").append(" of the ").append(chart.notesOffered()).append(" sent.");
        if (chart.notesUnread() > 0) {
            f.append(" ").append(chart.notesUnread()).append(" not read within the ").append(deadline.toMillis())
                    .append(" ms deadline: toxicities documented only there are not on these cards.");
        }
        for (SkippedEntry s : chart.skipped()) {
            f.append("\n\nNot read: ").append(Markdown.text(s.what())).append(": ").append(Markdown.text(s.reason())).append('.');
        }
        if (!chart.recordedKnown()) {
            f.append("\n\nThe toxicities already recorded in the chart were not available, so these suggestions may"
                    + " repeat one.");
        }
        f.append("\n\nA machine reading of the notes, recorded as preliminary: check the quote before accepting.\n");
        return f.toString();
    }

    private static IssuedCard.Finding issuedFinding(SymptomCourse c, String suggestionUuid) {
        var e = c.finding().evidence();
        return new IssuedCard.Finding(suggestionUuid, c.symptom().key(), c.finding().status().code(), c.grade(),
                c.trend().word(), c.note().reference(), c.note().date(), c.note().textSha256(), e.text(), e.start(), e.end());
    }
}
