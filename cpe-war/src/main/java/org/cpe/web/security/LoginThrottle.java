package org.cpe.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed logins slowed down per user name and per remote address: pure logic on a clock, thread-safe.
 *
 * <p>Up to {@value #FREE_FAILURES} failures are free; after that each attempt waits, after the last failure, a delay
 * that doubles from {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}. An attempt during the wait is refused without
 * its password being checked, and does not count. While a name or address has failures on record beyond the free
 * ones, its passwords are checked one at a time, so that guesses sent in parallel are no faster. A login clears its
 * name's and its address's records; a record is forgotten {@link #FORGET_AFTER} after its last failure, and at most
 * {@value #MAX_RECORDS} are kept (the one with the oldest failure is dropped first).
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_RECORDS = 10_000;

    /** A longer name is nobody's; keying by its start keeps a record's size bounded whatever a caller sends. */
    private static final int NAME_CHARACTERS = 128;

    /** The failures of one user name or address, and its password checks under way. */
    private static final class Record {
        int failures;
        Instant lastFailure;
        int checking;
    }

    /** Leave to check one password ({@link #admitted()}), or how long to wait before trying again. */
    static final class Attempt {

        private final Duration wait;
        private final List<String> keys;
        private final List<Record> checking;

        private Attempt(Duration wait, List<String> keys, List<Record> checking) {
            this.wait = wait;
            this.keys = keys;
            this.checking = checking;
        }

        boolean admitted() {
            return wait.isZero();
        }

        /** The wait in whole seconds, at least 1, as {@code Retry-After} says it. */
        long retryAfterSeconds() {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }
    }

    private final Clock clock;
    /** By key, in the order of their last failure: the first has the oldest. */
    private final Map<String, Record> records = new LinkedHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code user} from {@code address} (null when unknown) may have a password checked now. */
    synchronized Attempt begin(String user, String address) {
        Instant now = clock.instant();
        forgetExpired(now);
        List<String> keys = keys(user, address);
        Duration wait = Duration.ZERO;
        for (String key : keys) {
            Record record = records.get(key);
            if (record != null) {
                Duration own = waitOf(record, now);
                wait = own.compareTo(wait) > 0 ? own : wait;
            }
        }
        if (!wait.isZero()) {
            return new Attempt(wait, keys, List.of());
        }
        List<Record> checking = new ArrayList<>();
        for (String key : keys) {
            Record record = records.get(key);
            if (record != null) {
                record.checking++;
                checking.add(record);
            }
        }
        return new Attempt(Duration.ZERO, keys, checking);
    }

    /** Records how an admitted attempt ended: a login clears its records, a wrong password counts. */
    synchronized void end(Attempt attempt, boolean loggedIn) {
        if (!attempt.admitted()) {
            return;
        }
        attempt.checking.forEach(record -> record.checking--);
        if (loggedIn) {
            attempt.keys.forEach(records::remove);
            return;
        }
        Instant now = clock.instant();
        for (String key : attempt.keys) {
            // Taken out and put back, so that the order stays the order of the last failures.
            Record record = records.remove(key);
            if (record == null || expired(record, now)) {
                record = new Record();
            }
            record.failures++;
            record.lastFailure = now;
            records.put(key, record);
        }
        Iterator<Record> oldest = records.values().iterator();
        while (records.size() > MAX_RECORDS) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The delay after {@code failures} failures: none within the free ones, then doubling up to the longest. */
    static Duration delay(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 16);
        Duration delay = FIRST_WAIT.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay;
    }

    private static Duration waitOf(Record record, Instant now) {
        Duration left = Duration.between(now, record.lastFailure.plus(delay(record.failures)));
        if (left.isNegative() || left.isZero()) {
            left = Duration.ZERO;
        }
        if (left.isZero() && record.checking > 0 && record.failures + record.checking >= FREE_FAILURES) {
            // Another guess is being checked: this one would not have waited for its failure.
            return FIRST_WAIT;
        }
        return left;
    }

    private void forgetExpired(Instant now) {
        Iterator<Record> oldest = records.values().iterator();
        while (oldest.hasNext() && expired(oldest.next(), now)) {
            oldest.remove();
        }
    }

    private static boolean expired(Record record, Instant now) {
        return !now.isBefore(record.lastFailure.plus(FORGET_AFTER));
    }

    private static List<String> keys(String user, String address) {
        String name = user.length() > NAME_CHARACTERS ? user.substring(0, NAME_CHARACTERS) : user;
        return address == null ? List.of("user " + name) : List.of("user " + name, "address " + address);
    }
}
