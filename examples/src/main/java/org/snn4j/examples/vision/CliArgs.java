package org.snn4j.examples.vision;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parser for the vision examples. Not thread-safe. */
final class CliArgs {
    private final Map<String, String> values = new HashMap<>();

    /**
     * @param args  the command line
     * @param flags names (without {@code --}) that take no value
     * @param valued names that take one value
     * @throws IllegalArgumentException on an unknown option or a missing value, naming it
     */
    CliArgs(String[] args, Set<String> flags, Set<String> valued) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options start with --");
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; known: flags " + flags
                        + ", options " + valued);
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int integer(String name, int def, int min) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
        if (x < min) {
            throw new IllegalArgumentException("--" + name + " must be >= " + min + ", got " + x);
        }
        return x;
    }

    long longValue(String name, long def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }
}
