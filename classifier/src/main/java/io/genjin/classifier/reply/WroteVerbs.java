package io.genjin.classifier.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "wrote" verbs of the marker tables, found in a text as the regex {@code (?i)(WROTE)} finds them, the
 * alternation longest first: ASCII letters in either case, every other char as written (no UNICODE_CASE),
 * and where verbs start at one place the longest is taken. Without the regex: each char of a text is tried
 * only against the verbs that start with it (or end with it, for the end of a text). These checks run on
 * every line of every message.
 */
final class WroteVerbs {

    /** Per first (last) char, the verbs that start (end) with it, the longest first. */
    private final Map<Character, List<String>> byFirst = new HashMap<>();
    private final Map<Character, List<String>> byLast = new HashMap<>();
    /* Looked up before the maps: most chars of a text start no verb, and a non-ASCII char would be boxed anew. */
    private final boolean[] first = new boolean[Character.MAX_VALUE + 1];

    WroteVerbs(List<String> verbs) {
        for (String written : verbs) {
            if (written.isEmpty()) {
                throw new IllegalArgumentException("an empty verb would match everywhere");
            }
            // The regex compares its own letters ASCII-lower-cased.
            String verb = asciiLower(written);
            byFirst.computeIfAbsent(verb.charAt(0), c -> new ArrayList<>()).add(verb);
            byLast.computeIfAbsent(verb.charAt(verb.length() - 1), c -> new ArrayList<>()).add(verb);
            first[verb.charAt(0)] = true;
        }
        byFirst.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed()));
        byLast.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed()));
    }

    /** Whether a verb occurs in s: {@code (?i)(WROTE)} finds something. */
    boolean occurIn(String s) {
        for (int p = 0; p < s.length(); p++) {
            if (longestAt(s, p) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Where the last verb that the regex's find() loop meets in s ends (matches do not overlap), or -1. */
    int lastEnd(String s) {
        int last = -1;
        int p = 0;
        while (p < s.length()) {
            int length = longestAt(s, p);
            if (length > 0) {
                last = p + length;
                p = last;
            } else {
                p++;
            }
        }
        return last;
    }

    /** Whether the first {@code end} chars of s end with a verb. */
    boolean endBefore(String s, int end) {
        if (end == 0) {
            return false;
        }
        List<String> verbs = byLast.get(lower(s.charAt(end - 1)));
        if (verbs != null) {
            for (String verb : verbs) {
                if (end >= verb.length() && matchesAt(s, end - verb.length(), verb)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The length of the longest verb at p, 0 when none starts there. */
    private int longestAt(String s, int p) {
        char c = lower(s.charAt(p));
        if (!first[c]) {
            return 0;
        }
        for (String verb : byFirst.get(c)) {
            if (matchesAt(s, p, verb)) {
                return verb.length();
            }
        }
        return 0;
    }

    private static boolean matchesAt(String s, int p, String verb) {
        if (p + verb.length() > s.length()) {
            return false;
        }
        for (int j = 0; j < verb.length(); j++) {
            if (lower(s.charAt(p + j)) != verb.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static String asciiLower(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = lower(c);
            }
        }
        return chars == null ? s : new String(chars);
    }
}
