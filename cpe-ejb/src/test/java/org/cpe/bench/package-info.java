/** What cpe-ejb's benchmarks share: the figures they compute and report. */
package org.cpe.bench;
