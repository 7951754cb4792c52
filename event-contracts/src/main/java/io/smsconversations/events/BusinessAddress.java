package io.smsconversations.events;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * The rule for what a business number may be (issue 14 item 7): an E.164 number (a long code or a toll-free number),
 * a short code of one country, or an alphanumeric sender id. The customer side stays E.164 only ({@link E164}).
 * <p>
 * The {@link #key()} is how the address is written in events, Kafka keys and the directory:
 * <ul>
 * <li>an E.164 number as itself, {@code +14255550100};</li>
 * <li>a short code as {@code <country>:<digits>}, {@code US:12345}: the same five digits are different short codes
 * in the US, Canada and the UK, so the digits alone cannot key the directory;</li>
 * <li>an alphanumeric sender id as written, {@code Contoso} (1-11 of A-Z, a-z, 0-9 and space, at least one letter:
 * the GSM TP-OA limit of 11 characters in the 7-bit alphabet, restricted to what every provider accepts).</li>
 * </ul>
 * The three forms cannot be confused: only E.164 starts with {@code +}, only a short code key has a {@code :}.
 * {@link #wire()} is what a provider is given and sends back ({@code 12345} for the short code).
 */
public record BusinessAddress(Kind kind, String key, String country, String wire) {

    public enum Kind {
        /** E.164: a long code or a toll-free number; two-way. */
        PHONE_NUMBER,
        /** A national short code: two-way within its country only. */
        SHORT_CODE,
        /** A sender id: one-way, nobody can reply to it. */
        ALPHANUMERIC
    }

    public static final int SHORT_CODE_MIN = 3;
    public static final int SHORT_CODE_MAX = 8;
    public static final int ALPHANUMERIC_MAX = 11;

    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{" + SHORT_CODE_MIN + "," + SHORT_CODE_MAX + "}");
    private static final Pattern SHORT_CODE_KEY = Pattern.compile("([A-Z]{2}):([0-9]{" + SHORT_CODE_MIN + ","
            + SHORT_CODE_MAX + "})");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1," + ALPHANUMERIC_MAX
            + "}");
    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    /** What the rule says about a text that is none of the three, for error messages. */
    public static final String EXPECTED = "an E.164 number (+14255550100), a short code with its country (US:12345) "
            + "or an alphanumeric sender id (1-11 letters, digits and spaces, at least one letter)";

    /**
     * Reads what a person or a provider wrote.
     *
     * @param raw              the text
     * @param shortCodeCountry ISO 3166 region that bare digits ({@code 12345}) are a short code of, as a provider
     *                         says beside them (Twilio's {@code ToCountry}); null when nobody says: bare digits are
     *                         then a phone number only
     * @param phoneRegion      region for national phone numbers ({@link E164#normalise(String, String)}), may be null
     */
    public static Optional<BusinessAddress> parse(String raw, String shortCodeCountry, String phoneRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        Matcher key = SHORT_CODE_KEY.matcher(text);
        if (key.matches()) {
            return shortCode(key.group(2), key.group(1));
        }
        if (SHORT_CODE.matcher(text).matches() && shortCodeCountry != null) {
            // Bare digits beside a country are that country's short code, as Twilio sends To=12345 with ToCountry.
            return shortCode(text, shortCodeCountry.strip().toUpperCase(Locale.ROOT));
        }
        if (text.startsWith("+") || text.chars().noneMatch(Character::isLetter)) {
            return E164.normalise(text, phoneRegion).map(BusinessAddress::phoneNumber);
        }
        if (ALPHANUMERIC.matcher(text).matches()) {
            return Optional.of(new BusinessAddress(Kind.ALPHANUMERIC, text, null, text));
        }
        return Optional.empty();
    }

    /** A key as stored ({@link #key()}): only the exact canonical form, so one address has one key. */
    public static Optional<BusinessAddress> ofKey(String key) {
        return parse(key, null, null).filter(address -> address.key().equals(key));
    }

    /** An E.164 number, already normalised. */
    public static BusinessAddress phoneNumber(String e164) {
        return new BusinessAddress(Kind.PHONE_NUMBER, e164, E164.regionOf(e164).orElse(null), e164);
    }

    /**
     * A short code. libphonenumber's short-number metadata knows emergency and service numbers but not every
     * carrier's SMS short codes (many of the US CSCA's are missing), so it is not required; it only refuses an
     * emergency number ({@code 911}, {@code 112}), which no SMS provider leases.
     */
    private static Optional<BusinessAddress> shortCode(String digits, String country) {
        if (!REGIONS.contains(country) || ShortNumberInfo.getInstance().isEmergencyNumber(digits, country)) {
            return Optional.empty();
        }
        return Optional.of(new BusinessAddress(Kind.SHORT_CODE, country + ":" + digits, country, digits));
    }

    /** Whether a customer can write to it: not to an alphanumeric sender id. */
    public boolean receivesReplies() {
        return kind != Kind.ALPHANUMERIC;
    }

    /** Whether the directory's declared {@code type} fits what the address is. */
    public boolean fits(BusinessNumberType type) {
        return switch (kind) {
            case PHONE_NUMBER -> type == BusinessNumberType.LONG_CODE || type == BusinessNumberType.TOLL_FREE;
            case SHORT_CODE -> type == BusinessNumberType.SHORT_CODE;
            case ALPHANUMERIC -> type == BusinessNumberType.ALPHANUMERIC;
        };
    }

    /** The key for logs: a phone number masked as personal data, a short code or sender id (a brand) in full. */
    public String logged() {
        return kind == Kind.PHONE_NUMBER ? E164.masked(key) : key;
    }
}
