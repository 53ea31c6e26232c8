package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's distribution, as a team gets it: unzipped with unzip(1), then run from elsewhere and through links. */
class DistributionTest {

    @TempDir
    static Path work;

    private static Path home;

    @BeforeAll
    static void unzip() throws Exception {
        Path zip = Path.of(System.getProperty("consumer.distribution"));
        Result r = run(work, "unzip", "-q", zip.toString(), "-d", work.resolve("opt").toString());
        assertEquals(0, r.code, r::toString);
        try (Stream<Path> top = Files.list(work.resolve("opt"))) {
            home = top.findFirst().orElseThrow();
        }
    }

    @Test
    void should_hold_the_launcher_and_every_jar() throws IOException {
        assertTrue(home.getFileName().toString().startsWith("idem-"), home::toString);
        assertTrue(Files.getPosixFilePermissions(home.resolve("bin/idem")).contains(PosixFilePermission.OWNER_EXECUTE));
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().allMatch(n -> n.endsWith(".jar")), names::toString);
            for (String needed : List.of("idem-cli-", "idem-api-", "idem-adapters-openai-", "idem-adapters-ollama-",
                    "idem-adapters-sqlite-", "idem-adapters-redis-", "picocli-")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(needed)), needed + " in " + names);
            }
        }
    }

    @Test
    void should_name_a_module_in_every_idem_jar_for_the_module_path() throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("idem-")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                    assertTrue(name != null && name.matches("dev\\.idem\\.[a-z0-9.]+"), jar + ": " + name);
                }
            }
        }
    }

    @Test
    void should_run_from_another_directory() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));

        Result r = run(project, home.resolve("bin/idem").toString(), "--version");

        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.startsWith("idem "), r::toString);
    }

    @Test
    void should_run_through_a_symbolic_link_on_the_path_and_design_offline() throws Exception {
        // given bin/idem linked from a directory on the PATH, by a relative link, and a project elsewhere
        Path bin = Files.createDirectories(work.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("idem"), bin.relativize(home.resolve("bin/idem")));
        Path project = Files.createDirectories(work.resolve("team-repo"));

        // when
        Result r = run(project, bin.resolve("idem").toString(), "design", "--system-context",
                "Orders API on PostgreSQL", "--failure-scenarios", "client retries after timeouts");

        // then the built-in architect answered
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("## Idempotency key"), r::toString);
        assertTrue(r.err.contains("provider builtin"), r::toString);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Path dir, String... command) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
