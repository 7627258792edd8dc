/** Test fixtures shared by cpe-ejb's loop tests and benchmarks: the embedded services they run against. */
package org.cpe.testing;
