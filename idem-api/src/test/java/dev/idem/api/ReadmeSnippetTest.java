package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is compiled and run as written, so it cannot rot. */
class ReadmeSnippetTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- readme-snippet:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-snippet:end -->", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void should_compile_and_run_the_readme_example() throws Exception {
        // given the block between the markers in README.md
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = SNIPPET.matcher(readme);
        assertThat(m.find()).as("README.md has the marked Java example").isTrue();
        // tests run in idem-api/, the README's paths are relative to the repository root
        String source = m.group(1).replace("Path.of(\"prompts/", "Path.of(\"../prompts/");
        Path file = work.resolve("QuickStart.java");
        Files.writeString(file, source);

        // when it is compiled against this module's class path and run
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", work.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        String printed = runMain(work);

        // then it printed a design and the run's metadata
        assertThat(printed).contains("**").containsIgnoringCase("idempotency").containsIgnoringCase("kafka")
                .contains("builtin replayed=false");
    }

    private static String runMain(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
