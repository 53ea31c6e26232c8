package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.consumer.kit.ResolvedJars;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot application that imports idem-bom before Spring Boot's BOM (and converges: the enforcer's
 * dependencyConvergence runs in this module's validate phase) runs idem with exactly the CLI's libraries.
 */
class SpringBootBomConsumerTest {

    @Test
    void should_resolve_every_library_of_the_cli_in_the_cli_s_version() throws Exception {
        // given what this module resolved (idem-all), and the CLI's lib/
        ResolvedJars mine = ResolvedJars.ofThisModule();
        ResolvedJars cli = ResolvedJars.ofTheCli();
        System.out.println("idem-all next to Spring Boot's BOM: " + mine);

        // then no library in another version, and every library of the CLI but its own command-line ones is there
        assertEquals(List.of(), mine.skewAgainst(cli));
        Set<String> missing = new TreeSet<>(cli.versions().keySet());
        missing.removeAll(mine.versions().keySet());
        missing.removeAll(Set.of("idem-cli", "idem", "picocli", "progressbar", "jline-terminal", "jline-native",
                "slf4j-nop"));
        assertTrue(missing.isEmpty(), "in the CLI's lib/ but not here: " + missing);
    }
}
