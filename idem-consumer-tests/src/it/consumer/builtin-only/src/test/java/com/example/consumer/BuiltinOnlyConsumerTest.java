package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.consumer.kit.ReadmeSnippets;
import com.example.consumer.kit.ReadmeSnippets.Run;
import com.example.consumer.kit.ResolvedJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project that depends on idem-api alone, as the README's first line of its table says. */
class BuiltinOnlyConsumerTest {

    @TempDir
    static Path work;

    private static ReadmeSnippets readme;

    @BeforeAll
    static void compileTheReadme() throws Exception {
        readme = ReadmeSnippets.compiled(work);
    }

    @Test
    void should_design_and_run_the_bundled_spec_from_any_directory() throws Exception {
        // when the README's quick start runs in a directory that has no prompts/ in it
        Run run = readme.run("QuickStart", Map.of(), Files.createDirectories(work.resolve("anywhere")));

        // then it printed a design, then the run's provider
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("## Idempotency key"), run::toString);
        assertTrue(run.out().contains("builtin replayed=false"), run::toString);
    }

    @Test
    void should_evaluate_the_bundled_spec_and_write_its_reports() throws Exception {
        // given
        Path dir = Files.createDirectories(work.resolve("evaluation"));

        // when the README's evaluation runs
        Run run = readme.run("Evaluate", Map.of(), dir);

        // then 2 rows x 2 samples: the unsafe row fails its regexes twice; both reports are there
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("2/4 passed", run.out().strip(), run::toString);
        assertTrue(Files.readString(dir.resolve("idem-junit.xml")).contains("<testsuite"));
        assertTrue(Files.readString(dir.resolve("idem-report.html")).contains("<html"));
    }

    @Test
    void should_name_the_one_provider_it_has_when_asked_for_an_llm() throws Exception {
        // when the README's LLM example runs without the providers' adapters
        Run run = readme.run("OnAnLlm", Map.of("OPENAI_API_KEY", "sk-unused"), work);

        // then it fails naming the providers there are
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown provider 'openai' (available: builtin)"), run::toString);
    }

    @Test
    void should_run_with_few_jars_none_in_another_version_than_the_clis() throws Exception {
        // given what this module resolved, and the CLI's lib/
        ResolvedJars mine = ResolvedJars.ofThisModule();
        ResolvedJars cli = ResolvedJars.ofTheCli();
        System.out.println("built-in-only consumer: " + mine + " " + mine.versions().keySet());
        System.out.println("the CLI's lib/: " + cli);

        // then no provider client, native driver or Netty, and nothing in another version than the CLI has
        for (String heavy : List.of("sqlite-jdbc", "lettuce-core", "netty-common", "azure-core",
                "langchain4j-core", "reactor-core", "idem-adapters-openai", "idem-adapters-ollama",
                "idem-adapters-sqlite", "idem-adapters-redis")) {
            assertTrue(!mine.versions().containsKey(heavy), heavy + " in " + mine.versions());
        }
        assertTrue(mine.count() <= 25, mine::toString);
        assertTrue(mine.bytes() < 8_000_000, mine::toString);
        assertEquals(List.of(), mine.skewAgainst(cli));
        assertTrue(cli.versions().keySet().containsAll(mine.versions().keySet()), mine + " vs " + cli);
    }

    @Test
    void should_take_idem_from_the_repository_the_build_installed_it_in() {
        assertEquals(List.of(), ResolvedJars.idemJarsNotFromTheInstalledRepository());
    }
}
