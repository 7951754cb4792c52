package io.smsconversations.conversation.quiet;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local hours in which a recipient may be texted (issue 14 item 4), e.g. 08:00-20:00: from {@code start}
 * inclusive to {@code end} exclusive, minutes of the day; {@code 24:00} ends at midnight. A window that wraps
 * midnight (22:00-06:00) is allowed too. Pure: the zone and the clock are the caller's.
 *
 * @param startMinute minute of the day it opens, 0..1439
 * @param endMinute   minute of the day it closes, 1..1440; never equal to the start
 */
public record Window(int startMinute, int endMinute) {

    private static final Pattern FORM = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final int DAY = 24 * 60;

    public Window {
        if (startMinute < 0 || startMinute >= DAY || endMinute < 1 || endMinute > DAY || startMinute == endMinute) {
            throw new IllegalArgumentException("a window opens at 00:00..23:59 and closes at another time up to 24:00");
        }
    }

    /** "08:00-20:00" (24:00 allowed as the end). */
    public static Window parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("a window is written HH:MM-HH:MM, e.g. 08:00-20:00");
        }
        return new Window(minute(matcher.group(1), false), minute(matcher.group(2), true));
    }

    /** "08:00" (and "24:00" where {@code end} allows it). */
    public static int minute(String text, boolean end) {
        if (end && "24:00".equals(text)) {
            return DAY;
        }
        try {
            LocalTime time = LocalTime.parse(text);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new IllegalArgumentException(text + " is not a time of the day in minutes (HH:MM)");
            }
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(text + " is not a time of the day (HH:MM)");
        }
    }

    public String start() {
        return format(startMinute);
    }

    public String end() {
        return format(endMinute);
    }

    @Override
    public String toString() {
        return start() + "-" + end();
    }

    public boolean contains(LocalTime time) {
        int minute = time.getHour() * 60 + time.getMinute();
        return startMinute < endMinute
                ? minute >= startMinute && minute < endMinute
                : minute >= startMinute || minute < endMinute;
    }

    /** The next time, at or after {@code local}, that the window opens, in the same zone. */
    public ZonedDateTime nextOpening(ZonedDateTime local) {
        LocalDate day = local.toLocalDate();
        for (int days = 0; days <= 2; days++) {
            // The local time of day, not midnight plus minutes: on a daylight-saving day those differ by an hour.
            ZonedDateTime opening = ZonedDateTime.of(day.plusDays(days), LocalTime.of(startMinute / 60,
                    startMinute % 60), local.getZone());
            if (!opening.isBefore(local)) {
                return opening;
            }
        }
        throw new IllegalStateException("no opening within two days of " + local);
    }

    private static String format(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}
