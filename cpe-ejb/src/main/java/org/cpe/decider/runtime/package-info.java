/**
 * The Decider role's runtime: the I/O around the pure decision logic of cpe-decider. Registering the plans' types
 * ({@link org.cpe.decider.runtime.Registrations}), loading the plans once per server
 * ({@link org.cpe.decider.runtime.ServerPlans}), polling decision tasks and paging histories
 * ({@link org.cpe.decider.runtime.DecisionCycle}), answering SWF, the timeouts of waiting steps, and telling each job's
 * client what happened, closing notices first to the {@link org.cpe.decider.runtime.NoticeJournal}.
 */
package org.cpe.decider.runtime;
