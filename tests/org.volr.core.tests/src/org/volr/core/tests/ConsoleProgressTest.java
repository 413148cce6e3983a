package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.volr.core.progress.CancelledException;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.progress.Progress;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    /** A clock the test moves by hand, in nanoseconds. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logOutputHasOneLinePerTenPercent() {
        ConsoleProgress progress = new ConsoleProgress(out, false, now::get);
        progress.begin("evaluate", 1000);
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(1_000_000L); // 1 ms per sample: 1000 samples/s
            progress.advance(1);
        }
        progress.done();
        String[] lines = output().split("\n");
        assertEquals(10, lines.length, output());
        assertEquals("evaluate: 10% (100/1000, 1.0k/s, ETA 0:01)", lines[0]);
        assertEquals("evaluate: 50% (500/1000, 1.0k/s, ETA 0:01)", lines[4]);
        assertEquals("evaluate: 90% (900/1000, 1.0k/s, ETA 0:00)", lines[8]);
        assertEquals("evaluate: done, 1000 in 1.0 s (1.0k/s)", lines[9]);
        assertFalse(output().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void terminalBarRedrawsAtMostTenTimesASecond() {
        ConsoleProgress progress = new ConsoleProgress(out, true, now::get);
        progress.begin("train", 10_000);
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(100_000L); // 0.1 ms per sample, 1 s in all
            progress.advance(1);
        }
        progress.done();
        String text = output();
        long redraws = text.chars().filter(c -> c == '\r').count();
        // the first draw, about ten during the second, and the final one
        assertTrue(redraws >= 10 && redraws <= 12, redraws + " redraws");
        assertTrue(text.endsWith("\n"));
        String last = text.substring(text.lastIndexOf('\r') + 1).trim();
        assertEquals("train [" + "#".repeat(30) + "] 100% 10000/10000 10.0k/s ETA 0:00", last);
        assertTrue(text.contains("train [###############---------------] 50% 5000/10000 10.0k/s ETA 0:01"), text);
    }

    @Test
    void unknownTotalShowsCountAndRate() {
        ConsoleProgress progress = new ConsoleProgress(out, true, now::get);
        progress.begin("read", 0);
        now.addAndGet(2_000_000_000L);
        progress.advance(50);
        progress.done();
        assertTrue(output().contains("read 50 25.0/s"), output());
    }

    @Test
    void cancellationStopsWork() {
        ConsoleProgress progress = new ConsoleProgress(out, false, now::get);
        progress.begin("simulate", 10);
        assertDoesNotThrow(progress::checkCancelled);
        progress.cancel();
        assertTrue(progress.isCancelled());
        assertThrows(CancelledException.class, progress::checkCancelled);
    }

    @Test
    void noneReportsNothingAndIsNeverCancelled() {
        Progress.NONE.begin("x", 10);
        Progress.NONE.advance(5);
        Progress.NONE.done();
        assertFalse(Progress.NONE.isCancelled());
        assertDoesNotThrow(Progress.NONE::checkCancelled);
    }
}
