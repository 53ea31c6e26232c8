package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real idem process does not spend its start-up on, seen in the JVM's own class-loading log. */
class StartupCliTest {

    @TempDir
    Path work;

    /** What a real idem process printed and the classes it loaded while designing the README example. */
    private record Design(String out, String err, List<String> loaded) {
    }

    private Design designLoggingClasses(String... globalOptions) throws Exception {
        Path classes = work.resolve("classes.log");
        List<String> args = new ArrayList<>(List.of(globalOptions));
        args.addAll(List.of("design", "--system-context", "REST APIs behind a gateway plus Kafka consumers",
                "--failure-scenarios", "gateway timeouts and consumer rebalances", "--store", "memory:"));
        try (IdemProcess idem = IdemProcess.start(work, Map.of(), List.of("-Xlog:class+load=info:file=" + classes),
                args.toArray(String[]::new))) {
            assertThat(idem.exitCode(60)).as(idem.err()).isZero();
            List<String> loaded = Files.readAllLines(classes);
            assertThat(loaded).isNotEmpty();
            return new Design(idem.out(), idem.err(), loaded);
        }
    }

    @Test
    void should_not_start_java_util_logging_for_a_design() throws Exception {
        // given a real idem process that logs the classes it loads
        // when it designs
        Design design = designLoggingClasses();
        // then nothing logged, so the logging framework (and its scan of every jar for a logger) never started
        assertThat(design.out()).contains("Kafka");
        assertThat(design.loaded()).noneMatch(line -> line.contains(" java.util.logging.LogManager "));
    }

    @Test
    void should_make_no_json_mapper_for_a_design() throws Exception {
        // given a real idem process that logs the classes it loads
        // when it designs (reading the flagship spec and the built-in architect's knowledge)
        Design design = designLoggingClasses();
        // then Jackson's ObjectMapper, whose static set-up builds date formats and a calendar, never loaded
        assertThat(design.loaded()).noneMatch(line -> line.contains(" com.fasterxml.jackson.databind.ObjectMapper "));
    }

    @Test
    void should_build_the_model_of_the_command_it_runs_only() throws Exception {
        // given a real idem process that logs the classes it loads
        // when it designs
        Design design = designLoggingClasses("--quiet");
        // then picocli met the design command, and none of the others
        assertThat(design.err()).isEmpty();
        assertThat(design.loaded()).anyMatch(line -> line.contains(" dev.idem.cli.DesignCommand "));
        assertThat(design.loaded()).noneMatch(line -> line.contains(" dev.idem.cli.EvalCommand ")
                || line.contains(" dev.idem.cli.RunCommand ") || line.contains(" dev.idem.cli.StoreCommand "));
    }

    @Test
    void should_load_sqlite_from_the_kept_copy_of_its_native_library() throws Exception {
        // given a real idem process told where to keep SQLite's native library, logging the libraries it loads
        Path kept = work.resolve("native");
        Path libraries = work.resolve("libraries.log");
        try (IdemProcess idem = IdemProcess.start(work, Map.of(), List.of("-Didem.sqlite.native-dir=" + kept,
                "-Xlog:library=info:file=" + libraries), "design", "--system-context", "Payments API on PostgreSQL",
                "--failure-scenarios", "client retries after timeouts", "--store", "sqlite:store.db")) {
            // when it designs with a SQLite store
            assertThat(idem.exitCode(60)).as(idem.err()).isZero();
        }
        // then it kept a copy there and loaded that, instead of extracting one into the temporary directory
        List<String> loaded = Files.readAllLines(libraries).stream()
                .filter(line -> line.contains("Loaded library") && line.contains("sqlitejdbc")).toList();
        assertThat(loaded).hasSize(1).allSatisfy(line -> assertThat(line).contains(kept.toString()));
        try (var versions = Files.list(kept)) {
            Path version = versions.toList().get(0);
            try (var files = Files.list(version)) {
                assertThat(files.toList()).singleElement().satisfies(library -> assertThat(library).isRegularFile()
                        .satisfies(l -> assertThat(l.getFileName().toString()).startsWith("libsqlitejdbc.")));
            }
        }
    }
}
