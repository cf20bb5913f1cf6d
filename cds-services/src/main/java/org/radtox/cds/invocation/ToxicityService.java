package org.radtox.cds.invocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.radtox.cds.CdsProblem;
import org.radtox.cds.cards.CardLinks;
import org.radtox.cds.cards.CardWriter;
import org.radtox.cds.cards.ToxicityCourses;
import org.radtox.cds.cards.WrittenCards;
import org.radtox.cds.chart.PatientChart;
import org.radtox.cds.discovery.ServiceDefinition;
import org.radtox.cds.feedback.IssuedCalls;
import org.radtox.student.Student;
import org.radtox.student.symptoms.SymptomSet;

/**
 * One hook call of the toxicity services, start to end: read the chart (prefetch, or the EHR), follow each
 * toxicity's course, write the cards, and remember them for feedback.
 */
public final class ToxicityService {

    private final ChartReader charts;
    private final CardWriter cards;
    private final IssuedCalls issued;
    private final Student student;
    private final SymptomSet symptoms;
    private final Duration deadline;
    private final Clock clock;

    public ToxicityService(ChartReader charts, CardWriter cards, IssuedCalls issued, Student student, SymptomSet symptoms,
            Duration deadline, Clock clock) {
        this.charts = charts;
        this.cards = cards;
        this.issued = issued;
        this.student = student;
        this.symptoms = symptoms;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** @param started when the call arrived: the deadline runs from there */
    public WrittenCards answer(ServiceDefinition service, CdsRequest request, CardLinks links, Deadline started) throws CdsProblem {
        PatientChart chart = charts.read(request, service, started);
        Instant now = clock.instant();
        WrittenCards written = cards.write(chart, ToxicityCourses.of(chart, symptoms), links, student.version(), deadline, now);
        issued.remember(new IssuedCalls.Call(service.id(), request.hook(), request.hookInstance(), request.context().patientId(),
                student.version(), now, written));
        return written;
    }
}
