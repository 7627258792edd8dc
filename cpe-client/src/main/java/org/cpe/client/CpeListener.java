package org.cpe.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.client.internal.Mailbox;
import org.cpe.client.message.CpeMessage;

/**
 * A background loop over a client's output queue: each message goes to the handler and is acknowledged when the
 * handler returns. A handler that throws leaves its message in the queue, to come back after the visibility timeout;
 * an unreachable SQS is retried with a growing pause. {@link #close()} stops it.
 */
public final class CpeListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CpeListener.class.getName());
    private static final long MAX_PAUSE_MS = 30_000;

    private final Mailbox mailbox;
    private final Consumer<CpeMessage> handler;
    private final Duration wait;
    private final String clientName;
    private volatile boolean running = true;
    private volatile boolean receiving;
    private final Thread thread;

    private CpeListener(
            Mailbox mailbox, Consumer<CpeMessage> handler, ThreadFactory threads, Duration wait, String clientName) {
        this.mailbox = mailbox;
        this.handler = handler;
        this.wait = wait;
        this.clientName = clientName;
        Runnable loop = this::loop;
        this.thread = threads == null ? new Thread(loop) : threads.newThread(loop);
        if (threads == null) {
            thread.setDaemon(true);
        }
        thread.setName("cpe-listener-" + clientName);
    }

    static CpeListener start(
            Mailbox mailbox, Consumer<CpeMessage> handler, ThreadFactory threads, Duration wait, String clientName) {
        CpeListener listener = new CpeListener(mailbox, handler, threads, wait, clientName);
        mailbox.listenerStarted();
        listener.thread.start();
        return listener;
    }

    /** Whether the loop still runs. */
    public boolean running() {
        return running && thread.isAlive();
    }

    private void loop() {
        long pause = 0;
        try {
            while (running) {
                List<CpeMessage> messages;
                try {
                    receiving = true;
                    messages = mailbox.receive(wait);
                    pause = 0;
                } catch (CpeException e) {
                    if (!running) {
                        break;
                    }
                    pause = Math.min(MAX_PAUSE_MS, pause == 0 ? 500 : pause * 2);
                    LOG.log(Level.WARNING, e.getMessage() + "; retrying in " + pause + " ms");
                    sleep(pause);
                    continue;
                } finally {
                    receiving = false;
                }
                for (CpeMessage message : messages) {
                    if (!mailbox.offer(message)) {
                        deliver(message);
                    }
                }
            }
        } finally {
            mailbox.listenerStopped();
        }
    }

    private void deliver(CpeMessage message) {
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "The handler of client " + clientName + " failed on " + message.type() + " of job "
                            + message.jobId() + "; the message stays in the queue and comes back",
                    e);
            return;
        }
        try {
            mailbox.acknowledge(message);
        } catch (CpeException e) {
            LOG.log(Level.WARNING, e.getMessage() + "; the message may be delivered again", e);
        }
    }

    private void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the loop: the message being handled is finished, and the current long poll is cut short. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(200);
            if (thread.isAlive() && receiving) {
                // Only a long poll is cut short; a handler at work is let finish.
                thread.interrupt();
            }
            thread.join(wait.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
