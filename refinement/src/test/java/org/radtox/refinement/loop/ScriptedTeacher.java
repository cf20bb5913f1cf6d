package org.radtox.refinement.loop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.radtox.refinement.teacher.Proposal;
import org.radtox.refinement.teacher.Teacher;
import org.radtox.refinement.teacher.TeacherAnswer;
import org.radtox.refinement.teacher.TeacherRequest;
import org.radtox.refinement.teacher.TeacherUsage;

/** A teacher that answers each round from a script, so the loop's own decisions can be checked one by one. */
final class ScriptedTeacher implements Teacher {

    private final Deque<Supplier<TeacherAnswer>> rounds = new ArrayDeque<>();
    private final double estimate;
    int calls;

    ScriptedTeacher(double estimate) {
        this.estimate = estimate;
    }

    ScriptedTeacher then(List<Proposal> proposals, double dollars) {
        rounds.add(() -> new TeacherAnswer(Map.of(), proposals, new TeacherUsage(100, 50, dollars)));
        return this;
    }

    ScriptedTeacher thenFail(RuntimeException e) {
        rounds.add(() -> {
            throw e;
        });
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public double estimateDollars(TeacherRequest request) {
        return estimate;
    }

    @Override
    public TeacherAnswer propose(TeacherRequest request) {
        calls++;
        if (rounds.isEmpty()) {
            return new TeacherAnswer(Map.of(), List.of(), TeacherUsage.NONE);
        }
        return rounds.poll().get();
    }
}
