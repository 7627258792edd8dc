/**
 * The client side of CPE: what a client application needs to talk to a CPE stack over SQS. For now the
 * client definition ({@code {name, queues: {input, output}}}, as in the original CPE); the protocol messages and
 * the client API join it later.
 */
package org.cpe.client;
