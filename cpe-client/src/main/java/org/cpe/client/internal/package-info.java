/** The client's plumbing: command envelopes and the shared reader of an output queue. Not an API. */
package org.cpe.client.internal;
