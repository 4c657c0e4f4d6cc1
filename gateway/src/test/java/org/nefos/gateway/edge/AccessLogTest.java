package org.nefos.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private final Logger category = Logger.getLogger(AccessLog.CATEGORY);
    private final List<ExtLogRecord> written = new CopyOnWriteArrayList<>();
    private final List<String> writers = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch blockHandler = new CountDownLatch(0);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            try {
                blockHandler.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add((ExtLogRecord) record);
            writers.add(Thread.currentThread().getName());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = category.getLevel();
        category.setLevel(Level.INFO);
        category.addHandler(capture);
    }

    @AfterEach
    void release() {
        blockHandler.countDown();
        category.removeHandler(capture);
        category.setLevel(previousLevel);
    }

    @Test
    void aLineIsWrittenByTheWriterWithTheTimeThreadAndMdcOfItsRequest() throws Exception {
        try (AccessLog log = new AccessLog(AccessLog.DEFAULT_CAPACITY)) {
            MDC.put("requestId", "rid-1");
            long before = System.currentTimeMillis();
            try {
                log.log("GET /compute/... 200 10B 1ms rid=rid-1");
            } finally {
                MDC.remove("requestId");
            }
            long after = System.currentTimeMillis();
            awaitWritten(1);
            ExtLogRecord record = written.get(0);
            assertEquals("GET /compute/... 200 10B 1ms rid=rid-1", record.getFormattedMessage());
            assertEquals(AccessLog.CATEGORY, record.getLoggerName());
            assertEquals(Level.INFO, record.getLevel());
            assertEquals(Thread.currentThread().getName(), record.getThreadName(), "the request's thread, not the writer's");
            assertEquals("rid-1", record.getMdc("requestId"), "the request's MDC, copied when the line was made");
            assertTrue(record.getMillis() >= before && record.getMillis() <= after, "made when logged, not when written");
            assertEquals("gateway-access-log", writers.get(0));
        }
    }

    @Test
    void aFullQueueMakesTheCallerWriteItsLineInsteadOfDroppingIt() throws Exception {
        blockHandler = new CountDownLatch(1);   // the writer takes the first line and then blocks in the handler
        try (AccessLog log = new AccessLog(2)) {
            log.log("line-0");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("gateway-access-log")
                    && t.getState() == Thread.State.TIMED_WAITING && written.isEmpty() && isInHandler(t))) {
                assertTrue(System.nanoTime() < deadline, "the writer never took the first line");
                Thread.onSpinWait();
            }
            // two fit in the queue; the next ones find it full and are written here (blocking like the writer)
            Thread caller = new Thread(() -> {
                for (int i = 1; i <= 5; i++) {
                    log.log("line-" + i);
                }
            }, "request-thread");
            caller.start();
            while (caller.getState() != Thread.State.TIMED_WAITING || !isInHandler(caller)) {
                assertTrue(System.nanoTime() < deadline, "the caller never wrote a line itself: " + caller.getState());
                Thread.onSpinWait();
            }
            blockHandler.countDown();
            caller.join(10_000);
            awaitWritten(6);
        }
        List<String> lines = written.stream().map(ExtLogRecord::getFormattedMessage).sorted().toList();
        assertEquals(List.of("line-0", "line-1", "line-2", "line-3", "line-4", "line-5"), lines);
        assertTrue(writers.contains("request-thread"), "a full queue hands the line back to its caller: " + writers);
    }

    @Test
    void closingWritesWhatIsQueuedAndLaterLinesAreWrittenByTheirCallers() {
        AccessLog log = new AccessLog(AccessLog.DEFAULT_CAPACITY);
        for (int i = 0; i < 1000; i++) {
            log.log("queued-" + i);
        }
        log.close();
        assertEquals(1000, written.size(), "every queued line is written before close returns");
        log.log("after-close");
        assertEquals(1001, written.size());
        assertEquals(Thread.currentThread().getName(), writers.get(1000));
    }

    @Test
    void nothingIsQueuedWhenTheCategoryIsOff() {
        category.setLevel(Level.WARNING);
        AccessLog log = new AccessLog(AccessLog.DEFAULT_CAPACITY);
        log.log("not-logged");
        log.close();
        assertTrue(written.isEmpty(), "written: " + written);
    }

    private static boolean isInHandler(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith(AccessLogTest.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private void awaitWritten(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (written.size() < count) {
            assertTrue(System.nanoTime() < deadline, "written " + written.size() + " of " + count);
            Thread.yield();
        }
    }
}
