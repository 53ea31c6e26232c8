package dev.idem.architecture.bad.util;

/** Breaks the no-grab-bag rule and sits outside every layer. */
public final class Strings {

    private Strings() {
    }

    public static String trim(String value) {
        return value.trim();
    }
}
