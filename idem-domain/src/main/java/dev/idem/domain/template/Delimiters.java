package dev.idem.domain.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XML-like wrappers such as {@code <system_context>{{system_context}}</system_context>} that a template puts
 * around a placeholder, and the neutralisation of their tags inside values.
 */
final class Delimiters {

    private static final Pattern TAG =
            Pattern.compile("<\\s*(/?)\\s*([A-Za-z_][A-Za-z0-9_.:\\-]*)(\\s[^<>]*)?>");

    private Delimiters() {
    }

    /**
     * The tags that wrap the span {@code [start, end)} of a template: each tag opened before the span and not
     * closed before it, whose closing tag follows the span; nearest first.
     */
    static List<String> around(String template, int start, int end) {
        List<String> open = new ArrayList<>();
        Matcher m = TAG.matcher(template).region(0, start);
        while (m.find()) {
            String name = m.group(2);
            String attributes = m.group(3);
            if (attributes != null && attributes.strip().endsWith("/")) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.add(name);
            } else {
                removeLast(open, name);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> wrappers = new ArrayList<>();
        String after = template.substring(end);
        for (int i = open.size() - 1; i >= 0; i--) {
            String name = open.get(i);
            if (seen.add(name.toLowerCase(Locale.ROOT)) && closing(name).matcher(after).find()) {
                wrappers.add(name);
            }
        }
        return wrappers;
    }

    /**
     * Replaces the wrapper's tags inside a value with their escaped form, so the value cannot end (or imitate)
     * its delimiters.
     *
     * @return the value, changed or not, and what was found
     */
    static Neutralised neutralise(String value, String tag) {
        Matcher closing = closing(tag).matcher(value);
        boolean hadClosing = closing.find();
        String result = hadClosing ? closing.replaceAll(Matcher.quoteReplacement("&lt;/" + tag + "&gt;")) : value;
        Matcher opening = opening(tag).matcher(result);
        boolean hadOpening = opening.find();
        if (hadOpening) {
            result = opening.replaceAll(r -> Matcher.quoteReplacement(
                    "&lt;" + r.group().substring(1, r.group().length() - 1) + "&gt;"));
        }
        return new Neutralised(result, hadClosing, hadOpening);
    }

    record Neutralised(String value, boolean hadClosing, boolean hadOpening) {
        boolean changed() {
            return hadClosing || hadOpening;
        }
    }

    private static Pattern closing(String tag) {
        return Pattern.compile("<\\s*/\\s*" + Pattern.quote(tag) + "\\s*>", Pattern.CASE_INSENSITIVE);
    }

    private static Pattern opening(String tag) {
        return Pattern.compile("<\\s*" + Pattern.quote(tag) + "(\\s[^<>]*)?>", Pattern.CASE_INSENSITIVE);
    }

    private static void removeLast(List<String> open, String name) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).equalsIgnoreCase(name)) {
                open.remove(i);
                return;
            }
        }
    }
}
