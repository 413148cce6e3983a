package org.volr.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.volr.core.progress.Progress;

/**
 * The pipeline's progress shown on an Eclipse progress monitor, and the monitor's cancel button seen by the
 * pipeline: training, evaluation and the simulator poll {@link #isCancelled()} between batches and stop.
 * Each task the pipeline begins (training, ANN accuracy, conversion, simulation) gets a slice of the bar; the
 * number of tasks is not known in advance, so every new one takes a share of what is left.
 */
public final class MonitorProgress implements Progress {
	private static final int SLICE = 1000;
	private final IProgressMonitor monitor;
	private final SubMonitor root;
	private SubMonitor task;

	public MonitorProgress(IProgressMonitor monitor, String name) {
		this.monitor = monitor;
		this.root = SubMonitor.convert(monitor, name, 4 * SLICE);
	}

	@Override
	public synchronized void begin(String name, long total) {
		root.setWorkRemaining(4 * SLICE);
		task = root.newChild(SLICE);
		task.setTaskName(name);
		root.subTask(name);
		task.setWorkRemaining(total > 0 && total < Integer.MAX_VALUE ? (int) total : SLICE);
	}

	@Override
	public synchronized void advance(long n) {
		if (task != null)
			task.worked((int) Math.min(n, Integer.MAX_VALUE));
	}

	@Override
	public synchronized void done() {
		if (task != null)
			task.done();
		task = null;
	}

	@Override
	public boolean isCancelled() {
		return monitor.isCanceled();
	}
}
