package io.smsconversations.events;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Every phone number in every event is E.164 ({@code +14255550100}). This is the one place that turns what people
 * and providers write into that form, with Google's libphonenumber.
 */
public final class E164 {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /*
     * libphonenumber's parse runs a dozen regular expressions: in the benchmark's Twilio run it was the gateway's
     * largest cost per webhook. The same business numbers, and each customer's number, recur on every message, so
     * answers are kept (bounded: a number not seen for a while is parsed again).
     */
    private static final int REMEMBERED = 20_000;
    private static final Cache<Written, Optional<String>> NORMALISED = Caffeine.newBuilder()
            .maximumSize(REMEMBERED).build();
    private static final Cache<String, Optional<String>> REGIONS = Caffeine.newBuilder()
            .maximumSize(REMEMBERED).build();

    private record Written(String text, String defaultRegion) {
    }

    private E164() {
    }

    /**
     * The E.164 form of {@code raw}, or empty when it is not a possible phone number.
     *
     * @param defaultRegion ISO 3166 region (e.g. {@code US}) for numbers written without a country code; null when
     *                      there is none, in which case digits without {@code +} are read as carrying their country
     *                      code (providers such as Vonage and ACS send {@code 14255550100})
     */
    public static Optional<String> normalise(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return NORMALISED.get(new Written(raw.strip(), defaultRegion), E164::parse);
    }

    private static Optional<String> parse(Written written) {
        String text = written.text();
        try {
            Phonenumber.PhoneNumber parsed = written.defaultRegion() == null && !text.startsWith("+")
                    ? PHONES.parse("+" + text, null)
                    : PHONES.parse(text, written.defaultRegion());
            if (!PHONES.isPossibleNumber(parsed)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(parsed, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** {@link #normalise(String, String)} without a default region. */
    public static Optional<String> normalise(String raw) {
        return normalise(raw, null);
    }

    /**
     * The region (e.g. {@code US}) of an E.164 number, to use as default region for numbers written beside it. A number
     * the metadata does not place (a range newer than the library, or a possible but unassigned one) falls back to the
     * main region of its country code, so {@code +1 425 0...} still reads national numbers as {@code US}.
     */
    public static Optional<String> regionOf(String e164) {
        return e164 == null ? Optional.empty() : REGIONS.get(e164, E164::region);
    }

    private static Optional<String> region(String e164) {
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(e164, null);
            String region = PHONES.getRegionCodeForNumber(parsed);
            if (region == null || "ZZ".equals(region)) {
                region = PHONES.getRegionCodeForCountryCode(parsed.getCountryCode());
            }
            return Optional.ofNullable(region).filter(r -> !"ZZ".equals(r));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code +14255550100} becomes {@code ***0100}: numbers are personal data, and logs and notifications show only
     * enough to tell two of one person's conversations apart. Only the last digits are kept (4 of a number of 10 or
     * more digits, 3 of 7-9, 2 of 5-6, none of a shorter one); country, area code and length are not shown, so a
     * masked number cannot be narrowed down to a region's few thousand candidates. Any text is accepted, not only
     * E.164: a malformed number from a provider is masked by its digits the same way.
     */
    public static String masked(String number) {
        String digits = number == null ? "" : number.chars().filter(c -> c >= '0' && c <= '9')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int kept = digits.length() >= 10 ? 4 : digits.length() >= 7 ? 3 : digits.length() >= 5 ? 2 : 0;
        return "***" + digits.substring(digits.length() - kept);
    }
}
