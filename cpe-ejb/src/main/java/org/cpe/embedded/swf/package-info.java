/**
 * The embedded SWF-compatible workflow service of the {@code embedded-swf} role, as this server runs it: its
 * database, its engine, and the in-process {@code SwfClient} the other roles use.
 */
package org.cpe.embedded.swf;
