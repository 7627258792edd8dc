package org.cpe.builtin;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a condition holds, failing after a timeout: a test's alternative to a fixed sleep. */
final class Eventually {

    private Eventually() {}

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
