/**
 * The durable record of the embedded SWF service: a JDBC database (H2 in file mode by default, PostgreSQL by URL),
 * its schema kept by versioned migrations, written with group commit.
 */
package org.cpe.swf.store;
