package org.volr.scale;

import java.io.PrintStream;

import org.apache.spark.api.java.JavaSparkContext;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.progress.Progress;

/**
 * How a sweep shows how far it is and learns that it is cancelled. On a terminal, a bar over the points (the project's
 * ConsoleProgress), each point's line printed above it; elsewhere (a log, a pipe, a test) the points' lines alone,
 * which already count the points. {@link #cancel()} (Ctrl-C's shutdown hook) cancels the Spark jobs under way and
 * makes the simulations of a sweep without Spark stop at their next batch.
 */
final class SweepProgress implements Progress {
	private final Progress bar;
	private final boolean terminal;
	private volatile boolean cancelled;
	private volatile JavaSparkContext spark;

	private SweepProgress(Progress bar, boolean terminal) {
		this.bar = bar;
		this.terminal = terminal;
	}

	/** A bar on {@code out} if standard error is a terminal, else nothing but the points' lines. */
	static SweepProgress on(PrintStream out) {
		boolean terminal = ConsoleProgress.isInteractive();
		return new SweepProgress(terminal ? new ConsoleProgress(out, true) : Progress.NONE, terminal);
	}

	/** No bar: the points' lines only (tests, logs). */
	static SweepProgress quiet() {
		return new SweepProgress(Progress.NONE, false);
	}

	/** The Spark context whose jobs {@link #cancel()} cancels. */
	void cancels(JavaSparkContext sc) {
		spark = sc;
	}

	/** Stops the sweep: the jobs under way are cancelled; the sweep then throws CancelledException and writes nothing. */
	void cancel() {
		cancelled = true;
		JavaSparkContext sc = spark;
		if (sc != null) {
			SparkJobs.silence();
			sc.cancelAllJobs();
		}
	}

	/** A point's line, above the bar (which the next advance draws again below it). */
	void println(PrintStream out, String line) {
		// on a terminal the bar is the current line: a carriage return and "erase to end of line" (ESC [K) clear it first
		out.println(terminal ? "\r\u001b[K" + line : line);
	}

	@Override
	public void begin(String task, long total) {
		bar.begin(task, total);
	}

	@Override
	public void advance(long n) {
		bar.advance(n);
	}

	@Override
	public void done() {
		bar.done();
	}

	@Override
	public boolean isCancelled() {
		return cancelled;
	}

	/** What a simulation inside this JVM is given: no bar of its own (the sweep's is over points), but the cancellation. */
	Progress cancellationOnly() {
		return Progress.cancelledBy(() -> cancelled);
	}
}
