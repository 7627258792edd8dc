/** The client's plumbing: the shared reader of an output queue. Not an API. */
package org.cpe.client.internal;
