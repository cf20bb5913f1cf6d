package org.radtox.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.radtox.refinement.candidate.EmbeddedData;
import org.radtox.refinement.cost.CostLedger;
import org.radtox.refinement.cost.PriceTable;
import org.radtox.refinement.deid.PhiGuard;
import org.radtox.refinement.goldset.GoldFolder;
import org.radtox.refinement.goldset.GoldNote;
import org.radtox.refinement.loop.RefinementLoop;
import org.radtox.refinement.loop.RefinementRun;
import org.radtox.refinement.registry.RegisteredVersion;
import org.radtox.refinement.report.RefinementReport;
import org.radtox.refinement.teacher.OfflineTeacher;
import org.radtox.refinement.teacher.OpenAiTeacher;
import org.radtox.refinement.teacher.Teacher;

/** {@code radtox refine}: the teacher loop on a gold folder; registers every candidate; writes the report. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Improves the embedded student round by round: runs it on the gold folder's train split, lets the "
                + "teacher study its errors and propose changes to its data (lexicon phrases, assertion triggers, grade cues), "
                + "and keeps a proposal only when it fixes more than it breaks on train and gains on validation. Rounds stop "
                + "at no gain, at --max-rounds, or before the budget would be exceeded. Every candidate "
                + "is registered (radtox versions) with its validation and test figures; nothing is promoted. Writes report.md, "
                + "report.html and images to --report-dir, and prints the best candidate's version last on stdout.",
                "", "The offline teacher needs no network. openai:MODEL sends train notes with errors to an OpenAI-compatible "
                + "endpoint, after the PHI check passes on every one of them (radtox deid-check runs the same check)."},
        footer = {"", "Examples:", "  radtox refine --gold data/gold/prostate-rt --teacher offline --max-rounds 5 --seed 7",
                "  OPENAI_API_KEY=... radtox refine --gold data/gold/prostate-rt --teacher openai:gpt-4o --budget-usd 5",
                "  radtox refine --gold my-gold --teacher openai:llama3 --base-url http://gpu-box:8000/v1 --price-model gpt-4o-mini"})
final class RefineCommand implements Callable<Integer> {

    @Option(names = {"-g", "--gold"}, required = true, paramLabel = "DIR",
            description = "Gold folder: train / validation / test .jsonl and ATTESTATION.md (docs/FORMATS.md).")
    Path gold;

    @Option(names = "--student", paramLabel = "VERSION", description = "Version to start from: the bundled embedded student "
            + "(default) or an embedded version in the registry.")
    String student;

    @Option(names = "--teacher", defaultValue = "offline", paramLabel = "offline|openai:MODEL",
            description = "Who studies the errors (default: ${DEFAULT-VALUE}).")
    String teacher;

    @Option(names = "--base-url", defaultValue = "https://api.openai.com/v1", paramLabel = "URL",
            description = "OpenAI-compatible endpoint of an openai: teacher (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--api-key-env", defaultValue = "OPENAI_API_KEY", paramLabel = "VAR",
            description = "Environment variable holding the teacher's API key (default: ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    @Option(names = "--price-model", paramLabel = "NAME", description = "Price-table entry for the teacher's model, when its name "
            + "is not in the table.")
    String priceModel;

    @Option(names = "--max-rounds", defaultValue = "5", paramLabel = "N", description = "Round limit (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Option(names = "--budget-usd", defaultValue = "10", paramLabel = "DOLLARS",
            description = "Most the teacher may cost; more than 0 (default: ${DEFAULT-VALUE}).")
    double budgetUsd;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed: the same seed, gold set and offline teacher "
            + "give the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-gain", defaultValue = "0.001", paramLabel = "F1",
            description = "A round that gains less validation macro-F1 ends the run (default: ${DEFAULT-VALUE}).")
    double minGain;

    @Option(names = "--keep-going", description = "Run all --max-rounds rounds even when one gains nothing (benchmarks, and "
            + "remote teachers whose answers vary by round).")
    boolean keepGoing;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the report goes (default: DATA-DIR/refinement/RUN-ID).")
    Path reportDir;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price table (JSON, as the bundled prices.json).")
    Path prices;

    @Option(names = "--allow-phi", paramLabel = "REASON", description = "Send notes the PHI check flags anyway; the reason and "
            + "every flagged span are logged. Only for spans you have checked are not PHI.")
    String allowPhi;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws Exception {
        RefinementLoop.Builder loop = RefinementLoop.builder().maxRounds(maxRounds).budgetUsd(budgetUsd).seed(seed).minGain(minGain)
                .keepGoing(keepGoing).log(m -> System.err.println("refine: " + m));
        PriceTable table = prices == null ? PriceTable.bundled() : PriceTable.read(prices);
        GoldFolder folder = GoldFolder.read(gold, EmbeddedData.symptomSet());
        try (RegistryOptions.Open open = registry.open()) {
            EmbeddedData start = start(open);
            Teacher t = teacher(folder, table);
            System.err.println("refine: " + folder.size() + " gold notes (train " + folder.train().size() + ", validation "
                    + folder.validation().size() + ", test " + folder.test().size() + "), teacher " + t.name() + ", registry in "
                    + open.where());
            RefinementRun run = loop.teacher(t).gold(folder).start(start).build().run();
            List<RegisteredVersion> versions = run.registrations(folder);
            List<String> added = open.registry().register(versions);
            List<GoldNote> all = new ArrayList<>(folder.train().notes());
            all.addAll(folder.validation().notes());
            all.addAll(folder.test().notes());
            CostLedger cost = CostLedger.measure(run.teacher(), run.teacherUsage(), run.studentNanos(), run.notesRead(),
                    run.bestData().student(), all, "gpt-4o", table);
            Path dir = reportDir != null ? reportDir : (registry.dataDir != null ? registry.dataDir : Path.of("data"))
                    .resolve("refinement").resolve(run.runId());
            Path md = RefinementReport.write(run, cost, dir);
            var best = run.best();
            System.err.printf(Locale.ROOT, "refine: stopped (%s: %s); registered %d new version(s); best %s: validation macro-F1 "
                            + "%.3f (start %.3f), test %.3f (start %.3f)%n", run.stop().name().toLowerCase(Locale.ROOT), run.stopDetail(),
                    added.size(), best.versionId(), best.validation().macro().f1().estimate(),
                    run.baseline().validation().macro().f1().estimate(), best.test().macro().f1().estimate(),
                    run.baseline().test().macro().f1().estimate());
            System.err.println("refine: report " + md + " (and report.html); promote with: radtox promote " + best.versionId());
            System.out.println(best.versionId());
        }
        return 0;
    }

    private EmbeddedData start(RegistryOptions.Open open) {
        EmbeddedData bundled = EmbeddedData.bundled();
        if (student == null || student.equals("embedded") || student.equals(bundled.version().id())) {
            return bundled;
        }
        var v = open.registry().find(student).orElseThrow(() -> new IllegalArgumentException("unknown student version '" + student
                + "': neither the bundled " + bundled.version().id() + " nor a version in the registry (radtox versions)"));
        if (v.data() == null) {
            throw new IllegalArgumentException(student + " is a " + v.version().kind() + " student; refine runs the embedded student "
                    + "(an LLM student is refined through its own module's training-set export and a registered adapter)");
        }
        return v.data();
    }

    private Teacher teacher(GoldFolder folder, PriceTable table) {
        if (teacher.equals("offline")) {
            return OfflineTeacher.create();
        }
        if (!teacher.startsWith("openai:") || teacher.length() == "openai:".length()) {
            throw new IllegalArgumentException("--teacher must be offline or openai:MODEL (e.g. openai:gpt-4o), not '" + teacher + "'");
        }
        String model = teacher.substring("openai:".length());
        String key = System.getenv(apiKeyEnv);
        if ((key == null || key.isBlank()) && baseUrl.contains("api.openai.com")) {
            throw new IllegalArgumentException("the OpenAI teacher needs an API key in the environment variable " + apiKeyEnv);
        }
        OpenAiTeacher.Builder b = OpenAiTeacher.builder().baseUrl(baseUrl).modelName(model).apiKey(key).prices(table)
                .priceModel(priceModel).phiGuard(PhiGuard.create(folder.attestation().syntheticYears()));
        if (allowPhi != null) {
            b.phiOverride(allowPhi, m -> System.err.println("refine: AUDIT " + m));
            System.err.println("refine: AUDIT PHI override given by " + System.getProperty("user.name") + ": " + allowPhi);
        }
        return b.build();
    }
}
