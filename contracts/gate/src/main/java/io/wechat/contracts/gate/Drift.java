package io.wechat.contracts.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A difference between the pacts a consumer's tests write now and the pacts in {@code contracts/}: a consumer
 * cannot change what it expects of a provider without the changed file showing up in review.
 *
 * @param file   the pact's file name
 * @param reason what differs
 */
record Drift(String file, String reason) {
    private static final int MAX_PATHS = 5;

    /** The drift of one consumer: {@code written} by its tests, {@code committed} the files naming it as consumer. */
    static List<Drift> between(List<PactFile> written, List<PactFile> committed) {
        Map<String, PactFile> now = byName(written);
        Map<String, PactFile> before = byName(committed);
        List<Drift> drift = new ArrayList<>();
        for (String file : union(now, before)) {
            PactFile fresh = now.get(file);
            PactFile old = before.get(file);
            if (old == null) {
                drift.add(new Drift(file, "new pact, not in contracts/"));
            } else if (fresh == null) {
                drift.add(new Drift(file, "in contracts/, but no consumer test writes it any more"));
            } else if (!fresh.json().equals(old.json())) {
                List<String> paths = new ArrayList<>();
                differences("$", old.json(), fresh.json(), paths);
                drift.add(new Drift(file, "differs from what the consumer tests write now, at " + String.join(", ", paths)));
            }
        }
        return drift;
    }

    /** The JSON paths where two documents differ, at most {@value #MAX_PATHS}. */
    static void differences(String path, JsonNode before, JsonNode now, List<String> paths) {
        if (paths.size() >= MAX_PATHS || before.equals(now)) {
            return;
        }
        if (before.isObject() && now.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(path + "." + name, before.path(name), now.path(name), paths);
            }
        } else if (before.isArray() && now.isArray() && before.size() == now.size()) {
            for (int i = 0; i < before.size(); i++) {
                differences(path + "[" + i + "]", before.get(i), now.get(i), paths);
            }
        } else if (paths.size() < MAX_PATHS) {
            paths.add(path);
        }
    }

    private static Map<String, PactFile> byName(List<PactFile> pacts) {
        return pacts.stream().collect(Collectors.toMap(PactFile::fileName, Function.identity()));
    }

    private static TreeSet<String> union(Map<String, PactFile> a, Map<String, PactFile> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
