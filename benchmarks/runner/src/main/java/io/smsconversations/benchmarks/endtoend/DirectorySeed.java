package io.smsconversations.benchmarks.endtoend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.smsconversations.benchmarks.suite.BenchSuite;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.testing.TestTokens;

/**
 * The directory of the end-to-end runs, published through routing's admin API as a CRM would: a few sellers, one
 * business number and one contact per customer, each owned by one seller (so each reply alerts one owner).
 */
public final class DirectorySeed {

    public static final String BUSINESS_NUMBER = "+14255550199";

    private DirectorySeed() {
    }

    /** The sellers of {@link #seed}: {@code bench-seller-0} to {@code bench-seller-<n-1>}. */
    public static List<String> sellers(int sellerCount) {
        return IntStream.range(0, sellerCount).mapToObj(i -> "bench-seller-" + i).toList();
    }

    public static Customers seed(BenchSuite suite, int sellerCount, int customerCount) {
        String businessNumber = BUSINESS_NUMBER;
        List<String> sellers = sellers(sellerCount);
        for (String seller : sellers) {
            suite.adminPut("/api/admin/sellers/" + seller, new Seller(seller, "Seller " + seller, List.of("team-bench"),
                    true));
        }
        suite.adminPut("/api/admin/business-numbers/" + URLEncoder.encode(businessNumber, StandardCharsets.UTF_8),
                new BusinessNumber(businessNumber, "Benchmark line", BusinessNumberType.LONG_CODE, List.of(),
                        // a number needs an owner; a team without members alerts nobody beside each record's owner
                        List.of("team-bench-desk"), "twilio"));
        List<String> numbers = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        Instant modified = Instant.parse("2026-12-01T09:00:00Z");
        for (int i = 0; i < customerCount; i++) {
            String number = "+1425556" + String.format("%04d", i);
            numbers.add(number);
            owners.add(sellers.get(i % sellerCount));
            suite.adminPut("/api/admin/records/bench-contact-" + i, new DirectoryRecord("bench-contact-" + i,
                    RecordType.CONTACT, "Customer " + i, Owner.seller(sellers.get(i % sellerCount)), true, modified,
                    List.of(new PhoneNumber(PhoneKind.MOBILE, number)), null));
        }
        awaitStored(suite, "/api/admin/records/bench-contact-" + (customerCount - 1));
        return new Customers(businessNumber, numbers, owners);
    }

    /** The admin API answers once Kafka has an entry; routing stores it when its consumer gets there. */
    private static void awaitStored(BenchSuite suite, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String admin = TestTokens.admin("bench-admin");
        while (BenchSuite.get(suite.url("routing") + path, admin).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("routing did not store " + path + " within 120 s");
            }
            sleep(250);
        }
    }

    public static void sleepSeconds(int seconds) {
        sleep(seconds * 1000L);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
