/** The SDK's {@code SwfClient} interface served in-process by the engine, for roles in the same JVM. */
package org.cpe.swf.client;
