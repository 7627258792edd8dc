/**
 * The client side of CPE: {@link org.cpe.client.CpeClient} sends a client application's commands over SQS (start,
 * cancel, status, list) and reads its output queue; {@link org.cpe.client.ClientDefinition} is the client as the
 * original CPE defined it ({@code {name, queues: {input, output}}}). The messages are in
 * {@code org.cpe.client.message}, the CDI integration in {@code org.cpe.client.cdi}.
 */
package org.cpe.client;
