/**
 * The decision logic: a pure function from a plan and a workflow's history to the SWF decisions of its next step and
 * the notices its client should get. No I/O here; the Decider role in cpe-ejb does the polling and sending.
 */
package org.cpe.decider.logic;
