package dev.idem.adapter.yaml;

import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Placeholders;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How much of a corpus of spec files idem reads faithfully ({@code bench/corpus.sh DIR...} runs it): every
 * {@code *.prompt.yml} and {@code *.prompt.yaml} under each directory is validated as {@code idem validate} does
 * (loaded, with its rows' errors counting), and every row of every accepted spec is rendered and checked for a
 * placeholder that rendered empty although its variable is not optional; placeholders rendered empty from an empty
 * value the row writes, or from no value for an optional variable, are listed apart (a value written in a form
 * idem does not read shows there). It prints the rejections grouped by
 * message (with the file-specific parts, such as names, indexes and quoted text, normalised so that groups form),
 * the warnings by kind, the render check, and as its last line the figure {@code accepted/total (pct%)}.
 *
 * <p>One JVM reads the whole corpus: a process per file would spend minutes starting JVMs for 1175 files. It reads
 * through the YAML adapter and the domain's validator and renderer, the same code {@code idem validate} and
 * {@code idem eval} run, so it lives beside the adapter's tests rather than in the CLI users see.
 */
public final class CorpusConformance {

    private static final int EXAMPLES = 2;
    private static final int LISTED = 25;

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: CorpusConformance DIR_OR_FILE...");
            System.exit(2);
        }
        List<Path> roots = Stream.of(args).map(Path::of).toList();
        Report report = new CorpusConformance().measure(roots);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        report.print(out);
        out.flush();
    }

    /** Every spec file under the roots (a root may also be one file), in a stable order. */
    static List<Path> specFiles(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                files.add(root);
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(CorpusConformance::isSpecFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + root, e);
            }
        }
        return files;
    }

    private static boolean isSpecFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".prompt.yml") || name.endsWith(".prompt.yaml");
    }

    Report measure(List<Path> roots) {
        Report report = new Report(roots);
        for (Path file : specFiles(roots)) {
            report.total++;
            try {
                LoadedSpec loaded = repository.load(file);
                loaded.warnings().forEach(w -> report.warning(file, w));
                if (loaded.rowErrors().isEmpty()) {
                    report.accepted++;
                    renderRows(file, loaded.spec(), report);
                } else {
                    report.rejected(file, loaded.rowErrors());
                }
            } catch (InvalidSpecException e) {
                e.issues().stream().filter(i -> !i.isError()).forEach(w -> report.warning(file, w));
                report.rejected(file, e.errors());
            }
        }
        return report;
    }

    private static void renderRows(Path file, PromptSpec spec, Report report) {
        Set<String> used = new LinkedHashSet<>();
        for (MessageTemplate m : spec.messages()) {
            used.addAll(Placeholders.names(m.content()));
        }
        for (TestCase row : spec.testData()) {
            report.rows++;
            try {
                PromptRenderer.render(spec, row.variables());
            } catch (InvalidInputException e) {
                report.renderFailures.add(file + ": case " + row.number() + ": " + e.getMessage());
                continue;
            }
            for (String name : used) {
                checkNotEmpty(file, spec, row, name, report);
            }
        }
    }

    private static void checkNotEmpty(Path file, PromptSpec spec, TestCase row, String name, Report report) {
        Optional<Variable> declared = spec.variable(name);
        String given = row.variables().get(name);
        String value = given != null ? given : declared.flatMap(Variable::defaultValue).orElse("");
        if (!value.isBlank()) {
            return;
        }
        String where = file + ": case " + row.number() + ": {{" + name + "}}";
        if (given != null) {
            report.emptyValueWritten.add(where);
        } else if (declared.isPresent() && !declared.get().required()) {
            report.optionalEmpty.add(where);
        } else {
            report.emptyWithoutValue.add(where);
        }
    }

    /** What a corpus run found. */
    static final class Report {
        private static final List<Map.Entry<Pattern, String>> NORMALISED = List.of(
                Map.entry(Pattern.compile("\\[\\d+]"), "[N]"),
                Map.entry(Pattern.compile("\\b(inputs|vars|variables)\\.[^.\\[:\\s]+"), "$1.…"),
                Map.entry(Pattern.compile("\\{\\{[^}]*}}"), "{{…}}"),
                Map.entry(Pattern.compile("(?<!unknown key )'[^']*'"), "'…'"),
                Map.entry(Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\""), "\"…\""),
                Map.entry(Pattern.compile("'…'(?:, '…')+"), "'…', …"),
                Map.entry(Pattern.compile("\\d+"), "N"));

        private final List<Path> roots;
        int total;
        int accepted;
        int rows;
        final Map<String, Group> rejections = new TreeMap<>();
        final Map<String, Group> warnings = new TreeMap<>();
        final List<String> renderFailures = new ArrayList<>();
        final List<String> emptyWithoutValue = new ArrayList<>();
        final List<String> emptyValueWritten = new ArrayList<>();
        final List<String> optionalEmpty = new ArrayList<>();

        Report(List<Path> roots) {
            this.roots = roots;
        }

        void rejected(Path file, List<SpecIssue> errors) {
            errors.forEach(e -> rejections.computeIfAbsent(kind(e), k -> new Group()).add(file, e));
        }

        void warning(Path file, SpecIssue warning) {
            warnings.computeIfAbsent(kind(warning), k -> new Group()).add(file, warning);
        }

        /** The issue without what is particular to its file: names, indexes, numbers and quoted text. */
        static String kind(SpecIssue issue) {
            String kind = (issue.field().isEmpty() ? "" : issue.field() + ": ") + issue.message();
            for (Map.Entry<Pattern, String> rule : NORMALISED) {
                kind = rule.getKey().matcher(kind).replaceAll(rule.getValue());
            }
            return kind;
        }

        String figure() {
            return String.format("%d/%d (%.1f%%)", accepted, total, total == 0 ? 0 : 100.0 * accepted / total);
        }

        void print(PrintWriter out) {
            out.println("corpus: " + total + " spec files under " + roots.stream().map(Path::toString).toList());
            out.println();
            out.println("== rejected: " + (total - accepted) + " files, grouped by message (files, occurrences)");
            printGroups(out, rejections, true);
            out.println();
            long warned = warnings.values().stream().mapToInt(g -> g.occurrences).sum();
            out.println("== warnings: " + warned + ", by kind (files, occurrences)");
            printGroups(out, warnings, false);
            out.println();
            out.println("== rows of accepted specs: " + rows + " rendered, " + renderFailures.size()
                    + " failed to render");
            list(out, renderFailures);
            out.println("   a placeholder rendered empty without a value (not optional): " + emptyWithoutValue.size());
            list(out, emptyWithoutValue);
            out.println("   a placeholder rendered empty from an empty value the row writes: "
                    + emptyValueWritten.size());
            list(out, emptyValueWritten);
            out.println("   an optional placeholder rendered empty, without a value: " + optionalEmpty.size());
            list(out, optionalEmpty);
            out.println();
            out.println(figure());
        }

        private static void printGroups(PrintWriter out, Map<String, Group> groups, boolean examples) {
            groups.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, Group> e) -> -e.getValue().files.size())
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> {
                        out.printf("  %5d %5d  %s%n", e.getValue().files.size(), e.getValue().occurrences, e.getKey());
                        if (examples) {
                            e.getValue().examples.forEach(x -> out.println("               e.g. " + x));
                        }
                    });
        }

        private static void list(PrintWriter out, List<String> items) {
            items.stream().limit(LISTED).forEach(i -> out.println("       " + i));
            if (items.size() > LISTED) {
                out.println("       … and " + (items.size() - LISTED) + " more");
            }
        }
    }

    /** The files and occurrences of one kind of issue, with a few examples. */
    static final class Group {
        final Set<Path> files = new LinkedHashSet<>();
        final List<String> examples = new ArrayList<>();
        int occurrences;

        void add(Path file, SpecIssue issue) {
            occurrences++;
            if (files.add(file) && examples.size() < EXAMPLES) {
                examples.add(issue.toString());
            }
        }
    }

    /** For tests: the groups by kind, as counts of files. */
    static Map<String, Integer> fileCounts(Map<String, Group> groups) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        groups.forEach((k, g) -> counts.put(k, g.files.size()));
        return counts;
    }
}
