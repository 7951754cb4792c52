package io.smsconversations.routing.time;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one clock, injected wherever "now" is stamped (a decision, a lead, a default modifiedOn), so that a
 * pure test can fix the time instead of racing it.
 * <p>
 * It ticks in whole milliseconds: PostgreSQL keeps microseconds and Jackson writes what it is given, so a clock at the
 * precision every store and topic of the directory shares makes what is published equal to what is stored.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
