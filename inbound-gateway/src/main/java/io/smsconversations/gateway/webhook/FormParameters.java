package io.smsconversations.gateway.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, every one of them, repeats included, in the
 * order received. Providers sign all the parameters they send, including ones we do not read, so the signature
 * check needs them all, not only the fields a JAX-RS form binding would pick.
 */
public final class FormParameters {

    private final List<Map.Entry<String, String>> pairs;

    private FormParameters(List<Map.Entry<String, String>> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /**
     * Decodes a form body (UTF-8, {@code +} is a space).
     *
     * @throws IllegalArgumentException when a name or value is not valid percent-encoding
     */
    public static FormParameters parse(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                pairs.add(Map.entry(decode(name), decode(value)));
            }
        }
        return new FormParameters(pairs);
    }

    /** Parameters given as name/value pairs, in order (tests, and adapters that receive them already decoded). */
    public static FormParameters of(List<Map.Entry<String, String>> pairs) {
        return new FormParameters(pairs);
    }

    /** The first value of {@code name}, if the form has it. */
    public Optional<String> first(String name) {
        return pairs.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Every value of {@code name}, in the order received. */
    public List<String> all(String name) {
        return pairs.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** Every parameter grouped by name, names in ascending order, values in the order received. */
    public SortedMap<String, List<String>> byName() {
        SortedMap<String, List<String>> grouped = new TreeMap<>();
        for (Map.Entry<String, String> pair : pairs) {
            grouped.computeIfAbsent(pair.getKey(), name -> new ArrayList<>()).add(pair.getValue());
        }
        grouped.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableSortedMap(grouped);
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Names only: values are message bodies and phone numbers, which never go to the logs. */
    @Override
    public String toString() {
        return "FormParameters" + byName().keySet();
    }
}
