package org.volr.scale;

import java.io.Serializable;

/**
 * What one grid point measured (or why it failed: {@code error} is then set and the figures are NaN): the SNN's
 * accuracy after the last step and after every step, synaptic operations and the energy estimate per sample, and the
 * task's own time (conversion and simulation).
 */
record PointResult(Grid.Point point, String error, long samples, double snnAccuracy, double[] accuracyPerStep,
		double synapticOpsPerSample, double energyMicrojoulePerSample, double seconds) implements Serializable {

	static PointResult failed(Grid.Point point, String error, double seconds) {
		return new PointResult(point, error, 0, Double.NaN, new double[0], Double.NaN, Double.NaN, seconds);
	}

	boolean ok() {
		return error == null;
	}
}
