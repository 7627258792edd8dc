/** The messages a job's client receives on its output queue, in the original CPE shapes plus the jobId. */
package org.cpe.decider.notify;
