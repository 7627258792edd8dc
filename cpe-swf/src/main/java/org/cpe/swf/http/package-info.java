/**
 * SWF's wire protocol over HTTP: AWS JSON 1.0 requests ({@code X-Amz-Target: SimpleWorkflowService.<Operation>})
 * dispatched to any {@code SwfClient}, and faults answered as SWF answers them.
 */
package org.cpe.swf.http;
