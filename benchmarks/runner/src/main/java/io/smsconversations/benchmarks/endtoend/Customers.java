package io.smsconversations.benchmarks.endtoend;

import java.util.List;

/**
 * Who texts whom: customer {@code i} texts from {@code numbers[i]} to the business number, and the record carrying
 * that number is owned by {@code owners[i]}, whose live stream must receive the notification.
 */
public record Customers(String businessNumber, List<String> numbers, List<String> owners) {

    public Customers {
        if (numbers.size() != owners.size()) {
            throw new IllegalArgumentException("one owner per customer number");
        }
        numbers = List.copyOf(numbers);
        owners = List.copyOf(owners);
    }

    public String ownerOf(int customer) {
        return owners.get(customer);
    }

    public int size() {
        return numbers.size();
    }
}
