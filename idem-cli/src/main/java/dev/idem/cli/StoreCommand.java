package dev.idem.cli;

import dev.idem.api.Idem;
import dev.idem.port.in.InspectStoreUseCase.InspectStoreCommand;
import dev.idem.port.in.InspectStoreUseCase.StoreInspection;
import dev.idem.port.in.PurgeStoreUseCase.PurgeResult;
import dev.idem.port.in.PurgeStoreUseCase.PurgeStoreCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code idem store stats|purge}: look after the execution store. */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = HelpText.OPTIONS,
        description = "Inspect or clean the execution store.",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Purge.class, HelpCommand.class},
        footerHeading = HelpText.EXAMPLES, footer = {
                "  idem store stats",
                "  idem store purge --all --store redis://ci-redis:6379/0"})
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
            sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
            description = "Records by state, the last run's hit rate, and the store's size.",
            footerHeading = HelpText.EXAMPLES, footer = {
                    "  idem store stats",
                    "  idem store stats --store redis://ci-redis:6379/0"})
    static final class Stats implements Callable<Integer> {
        private final IdemFactory factory;

        @ArgGroup(validate = false, heading = HelpText.STORE, order = 1)
        StoreOptions store = new StoreOptions();

        @Spec
        CommandSpec spec;

        Stats(IdemFactory factory) {
            this.factory = factory;
        }

        @Override
        public Integer call() {
            PrintWriter out = factory.console().out();
            try (Idem idem = factory.openForStore(store)) {
                StoreInspection s = idem.storeInspector().inspect(new InspectStoreCommand());
                out.println("store        " + s.store());
                out.println("completed    " + s.completed() + (s.expired() > 0
                        ? " (" + s.expired() + " expired, purge with 'idem store purge')" : ""));
                out.println("in progress  " + s.inProgress());
                out.println("failed       " + s.failed());
                out.println("size         " + (s.sizeBytes().isPresent() ? humanBytes(s.sizeBytes().getAsLong())
                        : "unknown"));
                out.println("last run     " + s.lastRun().map(r -> r.calls() + " calls, " + r.replays()
                        + " replayed, hit rate " + String.format("%.1f%%", 100 * r.hitRate())).orElse("none recorded"));
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code idem store purge [--all]}. */
    @Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            sortOptions = false, optionListHeading = HelpText.OPTIONS, abbreviateSynopsis = true,
            description = "Delete expired records (all records with --all).",
            footerHeading = HelpText.EXAMPLES, footer = {
                    "  idem store purge",
                    "  idem store purge --all --store sqlite:.idem/store.db"})
    static final class Purge implements Callable<Integer> {
        private final IdemFactory factory;

        @ArgGroup(validate = false, heading = HelpText.STORE, order = 1)
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
            PrintWriter out = factory.console().out();
            try (Idem idem = factory.openForStore(store)) {
                PurgeResult purged = idem.storePurger().purge(new PurgeStoreCommand(all));
                long n = purged.records();
                out.println("purged " + n + (n == 1 ? " record" : " records") + " from " + purged.store());
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
