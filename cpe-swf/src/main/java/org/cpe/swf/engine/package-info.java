/**
 * The SWF-compatible workflow engine: domains and types, executions and their event histories, decision and
 * activity task lists with long polls, decision validation, and every timeout, kept in memory and recorded in the
 * store before each call is answered.
 */
package org.cpe.swf.engine;
