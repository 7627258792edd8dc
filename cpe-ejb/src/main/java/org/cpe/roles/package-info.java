/**
 * The roles as thin {@code @Singleton @Startup} lifecycle beans. Each starts only when {@code cpe.roles} names it:
 * the embedded services bind their servers, the pollers submit their loop to the container's managed executor. On
 * undeploy each stops in bounded time. The work of each role lives in its own package; this one only starts and
 * stops it.
 */
package org.cpe.roles;
