package org.cpe.embedded.sqs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which queues ElasticMQ has finished restoring, as it logs them ("Restored N messages in queue Q", through SLF4J to
 * java.util.logging in the application servers). Counting a queue's messages cannot tell it alone: a client that
 * consumes during the restore, as a restarted stack's clients do, keeps the count below what was on disk. Where the
 * log does not reach java.util.logging, nothing is recorded and only the count is waited for.
 */
final class RestoreLog extends Handler {

    static final String LOGGER = "org.elasticmq.actor.queue.QueueActor";
    private static final Pattern RESTORED = Pattern.compile("Restored \\d+ messages in queue (.+)");

    private final Set<String> restored = ConcurrentHashMap.newKeySet();
    private final Logger logger = Logger.getLogger(LOGGER);

    /** Listens from now until {@link #close()}. */
    static RestoreLog listen() {
        RestoreLog log = new RestoreLog();
        if (log.logger.getLevel() == null || log.logger.getLevel().intValue() > Level.INFO.intValue()) {
            log.logger.setLevel(Level.INFO);
        }
        log.logger.addHandler(log);
        return log;
    }

    boolean restored(String queue) {
        return restored.contains(queue);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message != null) {
            Matcher m = RESTORED.matcher(message.trim());
            if (m.matches()) {
                restored.add(m.group(1).trim());
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
