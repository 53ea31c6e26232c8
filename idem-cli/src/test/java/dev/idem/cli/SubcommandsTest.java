package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class SubcommandsTest {

    @Test
    void should_know_each_command_by_the_name_picocli_gives_it() {
        // given the commands by name
        for (Map.Entry<String, Supplier<Class<?>>> command : Subcommands.BY_NAME.entrySet()) {
            // then each name is the one its @Command declares
            assertThat(command.getValue().get().getAnnotation(Command.class).name()).isEqualTo(command.getKey());
        }
    }

    @Test
    void should_pick_the_command_a_command_line_names_after_the_root_options() {
        assertThat(Subcommands.named(new String[] {"design", "--system-context", "eval"})).isEqualTo("design");
        assertThat(Subcommands.named(new String[] {"-q", "--verbose", "eval", "spec.yml"})).isEqualTo("eval");
        // the value of --config is no command, even when it is spelt like one
        assertThat(Subcommands.named(new String[] {"--config", "run", "validate", "x.yml"})).isEqualTo("validate");
        assertThat(Subcommands.named(new String[] {"--config=run", "store", "stats"})).isEqualTo("store");
    }

    @Test
    void should_want_every_command_when_the_command_line_names_none_or_needs_the_others() {
        assertThat(Subcommands.named(new String[] {})).isNull();
        assertThat(Subcommands.named(new String[] {"--help"})).isNull();
        assertThat(Subcommands.named(new String[] {"help", "design"})).isNull();
        assertThat(Subcommands.named(new String[] {"completion"})).isNull();
        assertThat(Subcommands.named(new String[] {"desing"})).isNull();
    }

    @Test
    void should_want_no_command_for_the_version_alone() {
        assertThat(Subcommands.versionOnly(new String[] {"--version"})).isTrue();
        assertThat(Subcommands.versionOnly(new String[] {"-q", "-V"})).isTrue();
        assertThat(Subcommands.versionOnly(new String[] {"--version", "--help"})).isFalse();
        assertThat(Subcommands.versionOnly(new String[] {"--version", "eval"})).isFalse();
        assertThat(Subcommands.versionOnly(new String[] {"-q"})).isFalse();
    }
}
