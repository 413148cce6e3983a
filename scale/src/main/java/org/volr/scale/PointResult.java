package org.volr.scale;

import java.io.Serializable;

/**
 * What one grid point measured (or why it failed: {@code error} is then set and the figures are NaN): the SNN's
 * accuracy after the last step and after every step, synaptic operations and the energy estimate per sample, and the
 * task's own time (conversion and simulation): wall-clock seconds, and CPU seconds two ways. {@code cpuSeconds} is the
 * point's own work, the task's thread and the simulating threads: what the point costs, whatever runs beside it.
 * {@code jvmCpuSeconds} is every thread of the JVM that ran it while it ran (nd4j's and the JVM's own pools, garbage
 * collection, the compiler): the point's full cost on an executor that runs one point at a time, but in local[N], where
 * N points share one JVM, theirs too.
 */
record PointResult(Grid.Point point, String error, long samples, double snnAccuracy, double[] accuracyPerStep,
		double synapticOpsPerSample, double energyMicrojoulePerSample, double seconds, double cpuSeconds, double jvmCpuSeconds)
		implements Serializable {

	static PointResult failed(Grid.Point point, String error, double seconds) {
		return new PointResult(point, error, 0, Double.NaN, new double[0], Double.NaN, Double.NaN, seconds, Double.NaN, Double.NaN);
	}

	boolean ok() {
		return error == null;
	}
}
