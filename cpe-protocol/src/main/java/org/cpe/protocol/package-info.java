/**
 * The client protocol of CPE, the one place its names are written: the command types clients send, the message
 * types CPE answers and reports with, the envelope both travel in, the notice a role turns into a job's message, and
 * the route that says whose job a workflow is. It depends on nothing of CPE.
 */
package org.cpe.protocol;
