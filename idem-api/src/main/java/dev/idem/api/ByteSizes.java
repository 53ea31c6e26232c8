package dev.idem.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a size in bytes: {@code 1048576}, {@code 512k}, {@code 16M}, {@code 16MiB}, {@code 1g} (units of 1024). */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private ByteSizes() {
    }

    static long parse(String name, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                long bytes = Math.multiplyExact(n, unit(m.group(2)));
                if (bytes > 0) {
                    return bytes;
                }
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                // reported below
            }
        }
        throw new InvalidSettingException(name + ": '" + text + "' is not a positive size in bytes (e.g. 16MiB, 512k, 1048576)");
    }

    private static long unit(String suffix) {
        switch (suffix.isEmpty() ? ' ' : suffix.charAt(0)) {
            case 'k':
                return 1L << 10;
            case 'm':
                return 1L << 20;
            case 'g':
                return 1L << 30;
            default:
                return 1;
        }
    }
}
