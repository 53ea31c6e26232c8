package dev.idem.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Treats the ports test-jar ({@code dev.idem.testkit}: fakes and contract tests) as test code.
 *
 * <p>{@link ImportOption.DoNotIncludeTests} only recognises test class directories; once packaged, the
 * testkit is an ordinary jar and would otherwise be judged by the production rules.
 */
public final class DoNotIncludeTestkit implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("/dev/idem/testkit/");
    }
}
