package io.smsconversations.events;

import java.util.Optional;

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
        String text = raw.strip();
        try {
            Phonenumber.PhoneNumber parsed = defaultRegion == null && !text.startsWith("+")
                    ? PHONES.parse("+" + text, null)
                    : PHONES.parse(text, defaultRegion);
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

    /** {@code +14255550100} becomes {@code +1425***0100}: numbers are personal data and logs mask them. */
    public static String masked(String number) {
        if (number == null || number.length() < 8) {
            return "***";
        }
        return number.substring(0, 5) + "***" + number.substring(number.length() - 4);
    }
}
