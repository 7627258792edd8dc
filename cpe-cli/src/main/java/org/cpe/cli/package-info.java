/**
 * The {@code cpe} command line ({@code bin/cpe}): one class per subcommand over the client library, the progress
 * model of a running job ({@code JobProgress}, pure) and the three ways of printing ({@code Output}).
 */
package org.cpe.cli;
