/**
 * Configuration: one typed, immutable, validated settings record per concern, read from MicroProfile Config.
 *
 * <p>Every default is documented once, in {@code META-INF/microprofile-config.properties}. Reading collects every
 * problem, so a bad configuration stops startup with one message that names each key, its bad value and what is
 * allowed. Nothing here talks to the network or starts anything.
 */
package org.cpe.config;
