package org.radtox.server.students;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.radtox.student.Student;

/**
 * The student version a node extracts with, following the version registry without a restart.
 *
 * <p>Precedence: the registry's active version (its latest promotion or rollback) wins; while nothing was
 * ever promoted, the {@code student} setting names the version. The node reads the registry's change stamp
 * every few seconds ({@link #refresh()}, one cheap query), and workers read the active version afresh before
 * each batch ({@link #fresh()}), so no worker writes for a version that was replaced a moment ago.
 *
 * <p>Students are built once per version and kept: a job names the version it is for, and the version it
 * names is the one it runs with. A version that cannot be built here (unknown, or of a kind this build cannot
 * run) fails the jobs that need it with the reason, and the node keeps running.
 */
public final class ActiveStudent {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveStudent.class);

    /**
     * The active version and the registry event that made it so ({@code eventSeq} 0: nothing was promoted
     * yet, the {@code student} setting serves).
     */
    public record Active(long eventSeq, String version) {
    }

    /** What the node needs of the registry: its change stamp, and the active version with its event. */
    public interface Registry {
        long changeStamp();

        Optional<Active> active();
    }

    private final Registry registry;
    private final Student configured;
    private final Function<String, Student> builder;
    private final Map<String, Student> students = new ConcurrentHashMap<>();
    private volatile Active current;
    private volatile long stamp = -1;

    /**
     * @param configured the student of the {@code student} setting, serving until something is promoted
     * @param builder    builds the student of a version id; throws {@link IllegalArgumentException} with the
     *                   reason when it cannot
     */
    public ActiveStudent(Registry registry, Student configured, Function<String, Student> builder) {
        this.registry = registry;
        this.configured = configured;
        this.builder = builder;
        students.put(configured.version(), configured);
        this.current = new Active(0, configured.version());
    }

    /** The active version as this node last saw it (at most one poll interval old). */
    public String version() {
        return current.version();
    }

    public Active current() {
        return current;
    }

    /** Reads the change stamp and, when it moved, the active version; returns the active version. */
    public Active refresh() {
        long now = registry.changeStamp();
        if (now == stamp) {
            return current;
        }
        return adopt(registry.active(), now);
    }

    /** Reads the active version from the registry now, whatever the last poll saw. */
    public Active fresh() {
        Optional<Active> a = registry.active();
        long seq = a.map(Active::eventSeq).orElse(0L);
        return seq == current.eventSeq() && stamp >= 0 ? current : adopt(a, seq);
    }

    private synchronized Active adopt(Optional<Active> fromRegistry, long newStamp) {
        Active next = fromRegistry.orElse(new Active(0, configured.version()));
        Active before = current;
        stamp = newStamp;
        if (next.equals(before)) {
            return before;
        }
        current = next;
        if (!next.version().equals(before.version())) {
            LOG.info("student version {} is active now (event {}; was {})", next.version(), next.eventSeq(), before.version());
        }
        return next;
    }

    /**
     * The active version as a {@link Student}, for callers that hold one for their lifetime (the CDS service):
     * each call goes to the version active at that moment, so a promotion reaches them without a restart.
     */
    public Student asStudent() {
        return new Student() {
            @Override
            public String version() {
                return ActiveStudent.this.version();
            }

            @Override
            public java.util.List<org.radtox.student.finding.Finding> extract(org.radtox.student.note.Note note) {
                return student(ActiveStudent.this.version()).extract(note);
            }
        };
    }

    /**
     * The student of a version, built on first use.
     *
     * @throws IllegalArgumentException when this node cannot build it, saying why
     */
    public Student student(String version) {
        Student s = students.get(version);
        if (s != null) {
            return s;
        }
        try {
            s = builder.apply(version);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("student version " + version + " cannot be run on this node: " + e.getMessage(), e);
        }
        if (!s.version().equals(version)) {
            throw new IllegalArgumentException("student version " + version + " was asked for, but what it names reports version "
                    + s.version());
        }
        students.put(version, s);
        return s;
    }
}
