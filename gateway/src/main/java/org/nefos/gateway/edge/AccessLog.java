package org.nefos.gateway.edge;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.util.internal.PlatformDependent;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One line per request on the {@code org.nefos.gateway.access} category. Only the first path segment
 * is logged: paths and queries can carry capabilities (public link tokens, {@code X-Auth-Token}).
 *
 * <p>The event loop that served the request only makes the record (its time, thread and MDC are the
 * request's) and queues it; one writer thread hands the queued records to the log handlers. The writer
 * looks at the queue every {@value #IDLE_PARK_MILLIS} ms when it finds it empty, so a busy gateway does
 * not pay a thread wake-up per request (an asynchronous log handler signals its thread for every record).
 * A full queue is not a reason to drop a line: the caller then writes it itself.
 */
public final class AccessLog implements AutoCloseable {

    public static final String CATEGORY = "org.nefos.gateway.access";
    static final int IDLE_PARK_MILLIS = 10;
    static final int DEFAULT_CAPACITY = 16_384;

    private final Logger logger = Logger.getLogger(CATEGORY);
    private final Queue<ExtLogRecord> queue;
    private final Thread writer;
    private volatile boolean open = true;

    /** Starts the writer thread; {@code capacity} lines may wait for it. */
    AccessLog(int capacity) {
        queue = PlatformDependent.newFixedMpscQueue(capacity);
        writer = new Thread(this::drainUntilClosed, "gateway-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    public static String line(String method, String segment, int status, boolean completed, long bytes,
            long durationMs, String requestId) {
        return method + " /" + segment + (segment.isEmpty() ? "" : "/...") + " " + (completed ? Integer.toString(status) : status + "(reset)")
                + " " + bytes + "B " + durationMs + "ms rid=" + requestId;
    }

    /** Logs {@code line} at INFO with this moment, this thread and this MDC, whichever thread writes it. */
    public void log(String line) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(Level.INFO, line, ExtLogRecord.FormatStyle.NO_FORMAT, AccessLog.class.getName());
        record.setLoggerName(CATEGORY);
        record.setThreadName(Thread.currentThread().getName());
        record.copyMdc();
        if (!open || !queue.offer(record)) {
            logger.log(record);   // full (a blocked output) or closing: this caller waits, the line stays
        }
    }

    private void drainUntilClosed() {
        while (open) {
            if (!drain()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
            }
        }
        drain();
    }

    /** Writes every queued record; whether there was one. */
    private boolean drain() {
        boolean any = false;
        for (ExtLogRecord record; (record = queue.poll()) != null; any = true) {
            try {
                logger.log(record);
            } catch (RuntimeException e) {
                // a failing handler must not stop the writer; the log manager reports handler errors itself
            }
        }
        return any;
    }

    /** Writes what is queued and stops the writer; later lines are written by their callers. */
    @Override
    public void close() {
        open = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();   // anything a caller queued while the writer was finishing
    }
}
