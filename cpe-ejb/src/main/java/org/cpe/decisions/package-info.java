/**
 * The Decider role's I/O around the pure decision logic of cpe-decider: registering the plans' types, polling decision
 * tasks, paging histories, answering SWF and telling each job's client what happened.
 */
package org.cpe.decisions;
