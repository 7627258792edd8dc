package org.cpe.decider.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of samples and the median and spread of per-run figures. */
final class Stats {

    private Stats() {}

    /** The nearest-rank percentile (0 < p <= 100) of the samples, in milliseconds. */
    static double percentileMillis(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static double maxMillis(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** "median (min–max)" with the given decimals. */
    static String spread(double[] values, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median(values), min(values), max(values));
    }
}
