/**
 * The messages CPE sends on a client's output queue, one class per {@link org.cpe.protocol.MessageType}, read
 * by {@link org.cpe.client.message.CpeMessages#parse(String)}. Every class keeps the message's JSON; its accessors
 * are lenient and read a missing field as null.
 */
package org.cpe.client.message;
