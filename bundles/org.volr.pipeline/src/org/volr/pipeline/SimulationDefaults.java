package org.volr.pipeline;

/**
 * What a simulation uses where the experiment says nothing: steps (no duration), samples per batch, threads
 * (0 = one per core) and the seed. The command line uses {@link #STANDARD}; the workbench its preferences.
 */
public record SimulationDefaults(int steps, int batch, int threads, long seed) {
	public static final SimulationDefaults STANDARD = new SimulationDefaults(100, 256, 0, 0);

	public SimulationDefaults {
		if (steps <= 0)
			throw new IllegalArgumentException("default steps must be positive, got " + steps);
		if (batch <= 0)
			throw new IllegalArgumentException("default batch must be positive, got " + batch);
		if (threads < 0)
			throw new IllegalArgumentException("default threads must not be negative, got " + threads);
	}
}
