/**
 * Metrics: what the loops count and time ({@link org.cpe.metrics.CpeMetrics}), kept in MicroProfile Metrics and served
 * at {@code /metrics} in Prometheus format, with gauges of the queues and open executions read when scraped.
 */
package org.cpe.metrics;
