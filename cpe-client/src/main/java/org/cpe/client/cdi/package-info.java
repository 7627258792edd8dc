/**
 * CPE's client in a CDI application: inject {@link org.cpe.client.CpeClient} (configured by {@code cpe.client.*})
 * and observe the output messages as events ({@code void done(@Observes WorkflowCompleted message)}).
 */
package org.cpe.client.cdi;
