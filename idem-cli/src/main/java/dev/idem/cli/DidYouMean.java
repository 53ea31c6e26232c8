package dev.idem.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name someone most likely meant when they wrote one idem does not know (a misspelt key in the config file):
 * the closest known name by edit distance, ignoring case and an {@code IDEM_} prefix, if it is close enough to be a
 * typo rather than another word.
 */
final class DidYouMean {

    private DidYouMean() {
    }

    static Optional<String> closest(String written, Collection<String> known) {
        String typed = normalised(written);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typed, normalised(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a third of the name may be wrong, at least two characters: beyond that it is another word
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static String normalised(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        return lower.startsWith("idem_") ? lower.substring("idem_".length()) : lower;
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
