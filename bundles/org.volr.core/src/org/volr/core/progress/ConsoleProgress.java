package org.volr.core.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for the command line. On a terminal it redraws one line
 * ({@code task [#####-----] 50% 5000/10000 1.2k/s ETA 0:04}) at most ten times a second, so a fast loop does
 * not spend its time printing. On a log file or pipe, where carriage returns would pile up, it prints one line
 * per 10%. Call {@link #cancel()} (e.g. from a shutdown hook) to make {@link #isCancelled()} true.
 */
public final class ConsoleProgress implements Progress {
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;

    private volatile boolean cancelled;
    private String task = "";
    private long total;
    private long completed;
    private long startNanos;
    private long lastDrawNanos;
    private int lastDecilePrinted;
    private int lastLineLength;
    private boolean active;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    /** @param nanoClock a {@link System#nanoTime()} replacement, so that tests control time */
    public ConsoleProgress(PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Progress on standard error, drawn as a bar when standard error is an interactive terminal. */
    public static ConsoleProgress onStandardError() {
        return new ConsoleProgress(System.err, isInteractive());
    }

    @Override
    public synchronized void begin(String task, long total) {
        this.task = task == null ? "" : task;
        this.total = total;
        this.completed = 0;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
        this.lastDecilePrinted = 0;
        this.lastLineLength = 0;
        this.active = true;
        if (terminal) {
            draw(startNanos);
        }
    }

    @Override
    public synchronized void advance(long n) {
        if (!active || n <= 0) {
            return;
        }
        completed += n;
        long now = nanoClock.getAsLong();
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
                draw(now);
            }
        } else if (total > 0) {
            int decile = (int) Math.min(10, completed * 10 / total);
            if (decile > lastDecilePrinted && decile < 10) {
                lastDecilePrinted = decile;
                out.println(task + ": " + decile * 10 + "% (" + completed + "/" + total + ", " + rate(now) + ", ETA "
                        + eta(now) + ")");
                out.flush();
            }
        }
    }

    @Override
    public synchronized void done() {
        if (!active) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (terminal) {
            draw(now);
            out.println();
        } else {
            double seconds = (now - startNanos) / 1e9;
            out.println(task + ": done, " + completed + " in " + String.format(Locale.ROOT, "%.1f s", seconds) + " ("
                    + rate(now) + ")");
        }
        out.flush();
        active = false;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        cancelled = true;
    }

    private void draw(long now) {
        lastDrawNanos = now;
        StringBuilder line = new StringBuilder(task);
        if (total > 0) {
            double fraction = Math.min(1.0, (double) completed / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            line.append(" [").append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append((int) Math.floor(fraction * 100)).append("% ").append(completed).append('/').append(total)
                    .append(' ').append(rate(now)).append(" ETA ").append(eta(now));
        } else {
            line.append(' ').append(completed).append(' ').append(rate(now));
        }
        // pad with blanks so that a shorter line fully covers the previous one
        int length = line.length();
        if (length < lastLineLength) {
            line.append(" ".repeat(lastLineLength - length));
        }
        lastLineLength = length;
        out.print("\r" + line);
        out.flush();
    }

    private String rate(long now) {
        double seconds = (now - startNanos) / 1e9;
        if (seconds <= 0) {
            return "-/s";
        }
        double perSecond = completed / seconds;
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    private String eta(long now) {
        double seconds = (now - startNanos) / 1e9;
        if (completed <= 0 || seconds <= 0 || total <= 0) {
            return "?";
        }
        long remaining = Math.round((total - completed) * seconds / completed);
        return remaining >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", remaining / 3600, remaining / 60 % 60, remaining % 60)
                : String.format(Locale.ROOT, "%d:%02d", remaining / 60, remaining % 60);
    }

    /**
     * Whether standard error is an interactive terminal (where a redrawn bar makes sense). Console.isTerminal()
     * exists only from Java 22; before that a non-null console means a terminal.
     */
    public static boolean isInteractive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
