package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.StoreStats;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem store stats|purge}: look after the execution store. */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Inspect or clean the execution store.",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Purge.class})
final class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code idem store stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Records by state, the last run's hit rate, and the store's size.")
    static final class Stats implements Callable<Integer> {
        private final IdemFactory factory;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Spec
        CommandSpec spec;

        Stats(IdemFactory factory) {
            this.factory = factory;
        }

        @Override
        public Integer call() {
            PrintWriter out = Console.of(spec, factory.environment()).out();
            try (Idem idem = factory.openForStore(store)) {
                ExecutionStore s = idem.store();
                StoreStats stats = s.stats();
                out.println("store        " + s.describe());
                out.println("completed    " + stats.completed() + (stats.expired() > 0
                        ? " (" + stats.expired() + " expired, purge with 'idem store purge')" : ""));
                out.println("in progress  " + stats.inProgress());
                out.println("failed       " + stats.failed());
                out.println("size         " + (stats.sizeBytes() < 0 ? "unknown" : humanBytes(stats.sizeBytes())));
                out.println("last run     " + stats.lastRun().map(r -> r.calls() + " calls, " + r.replays()
                        + " replayed, hit rate " + String.format("%.1f%%", 100 * r.hitRate())).orElse("none recorded"));
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code idem store purge [--all]}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Delete expired records (all records with --all).")
    static final class Purge implements Callable<Integer> {
        private final IdemFactory factory;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--all", description = "Delete every record, not only expired ones.")
        boolean all;

        @Spec
        CommandSpec spec;

        Purge(IdemFactory factory) {
            this.factory = factory;
        }

        @Override
        public Integer call() {
            PrintWriter out = Console.of(spec, factory.environment()).out();
            try (Idem idem = factory.openForStore(store)) {
                ExecutionStore s = idem.store();
                long n = all ? s.purgeAll() : s.purgeExpired();
                out.println("purged " + n + (n == 1 ? " record" : " records") + " from " + s.describe());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
