package io.smsconversations.conversation.quiet;

import java.time.ZoneId;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The time zones a customer number may be in, from its country and area code (libphonenumber's
 * {@link PhoneNumberToTimeZonesMapper}: {@code +1 212} is New York, {@code +44} London; a country with several zones
 * and a number that does not say which, e.g. a mobile range, gives all of them). The directory's records carry no time
 * zone, so the number is all there is to go by.
 */
public final class RecipientZones {

    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private RecipientZones() {
    }

    /** Every zone the number may be in; {@code fallback} alone when the mapper knows none. */
    public static List<ZoneId> of(String e164, ZoneId fallback) {
        PhoneNumber number;
        try {
            number = PhoneNumberUtil.getInstance().parse(e164, null);
        } catch (NumberParseException e) {
            return List.of(fallback);
        }
        List<ZoneId> zones = MAPPER.getTimeZonesForNumber(number).stream()
                .filter(zone -> !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zone))
                .filter(ZoneId.getAvailableZoneIds()::contains)
                .map(ZoneId::of)
                .toList();
        return zones.isEmpty() ? List.of(fallback) : zones;
    }
}
