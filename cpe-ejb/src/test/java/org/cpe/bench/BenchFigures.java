package org.cpe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The figures cpe-ejb's benchmarks report: percentiles of samples, median and spread of runs, the load average. */
public final class BenchFigures {

    private BenchFigures() {}

    /** The samples sorted, read under the list's lock (benchmarks fill synchronized lists). */
    public static long[] sorted(List<Long> values) {
        synchronized (values) {
            return values.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** The {@code p}th percentile in milliseconds of sorted nanosecond samples; NaN with none. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** {@code median (min–max)} of the runs' values. */
    public static String spread(double[] values, int decimals) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        String format = "%." + decimals + "f";
        return String.format(format, sorted[sorted.length / 2]) + " (" + String.format(format, sorted[0]) + "–"
                + String.format(format, sorted[sorted.length - 1]) + ")";
    }

    /** The one-minute load average, or NaN where /proc is not there. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
