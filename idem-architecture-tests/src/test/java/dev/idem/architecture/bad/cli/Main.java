package dev.idem.architecture.bad.cli;

import dev.idem.architecture.bad.adapter.yaml.YamlLoader;
import dev.idem.architecture.bad.api.Embedded;
import picocli.CommandLine;

/** May print, read the environment, use picocli and the api; must not build an adapter itself. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Embedded embedded = new Embedded();
        System.out.println(new CommandLine(embedded) + System.getenv("IDEM_PROVIDER") + new YamlLoader());
    }
}
