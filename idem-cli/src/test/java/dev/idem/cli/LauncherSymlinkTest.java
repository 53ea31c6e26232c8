package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./idem} launcher, run through symlinks on the PATH from another directory, finds its own clone. The
 * launcher is the repository's, copied into a clone of its own with a built jar in place (so it never builds); a
 * {@code java} first on the PATH prints what it was asked to run instead of running it.
 */
class LauncherSymlinkTest {

    @TempDir
    Path work;

    private Path clone;
    private Path fakes;

    @BeforeEach
    void setUp() throws IOException {
        clone = Files.createDirectories(work.resolve("clones/idem"));
        Files.copy(CliRunner.ROOT.resolve("idem"), clone.resolve("idem"));
        executable(clone.resolve("idem"));
        Path target = Files.createDirectories(clone.resolve("idem-cli/target"));
        Files.writeString(target.resolve("idem.jar"), "");
        Files.writeString(target.resolve("idem.built"), "");
        fakes = Files.createDirectories(work.resolve("fakes"));
        script(fakes.resolve("java"), "echo \"java $*\"");
    }

    @Test
    void should_run_its_own_clones_jar_when_symlinked_onto_the_path() throws Exception {
        // given ~/bin/idem -> the clone's launcher, through a relative link
        Path bin = Files.createDirectories(work.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("idem"), bin.relativize(clone.resolve("idem")));

        // when run by name, from a directory elsewhere
        String out = idemOnPath(bin.toString() + ":" + fakes);

        // then
        assertThat(out).contains("-jar " + clone.toRealPath().resolve("idem-cli/target/idem.jar") + " --version");
    }

    @Test
    void should_follow_a_chain_of_links_without_readlink_f() throws Exception {
        // given a readlink without -f (as on older macOS) and two links in a row, the last one relative
        Path real = Path.of(which("readlink"));
        script(fakes.resolve("readlink"), "[ \"$1\" = -f ] && { echo 'readlink: illegal option -- f' >&2; exit 1; }\n"
                + "exec " + real + " \"$@\"");
        Path tools = Files.createDirectories(work.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("idem"), clone.resolve("idem"));
        Path bin = Files.createDirectories(work.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("idem"), Path.of("../../tools/idem"));

        // when
        String out = idemOnPath(fakes + ":" + bin);

        // then
        assertThat(out).contains("-jar " + clone.toRealPath().resolve("idem-cli/target/idem.jar") + " --version");
    }

    /** {@code idem --version}, found on {@code path} (then the system's), run in a directory of its own. */
    private String idemOnPath(String path) throws IOException, InterruptedException {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "idem --version").directory(elsewhere.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", path + ":" + System.getenv("PATH"));
        builder.environment().put("IDEM_CDS", "0");
        Process launcher = builder.start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.exitValue()).as(out).isZero();
        return out;
    }

    private static String which(String command) {
        return Arrays.stream(System.getenv("PATH").split(":")).map(d -> Path.of(d, command))
                .filter(Files::isExecutable).findFirst().orElseThrow().toString();
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
