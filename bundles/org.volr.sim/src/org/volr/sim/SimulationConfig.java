package org.volr.sim;

/**
 * What to simulate: steps, input encoding (with the Poisson rate as a probability per step at x = 1), the neuron,
 * the seed, how many samples at a time and threads to use (0 = one per core), and the synaptic delay in steps
 * (0: a spike reaches the next layer within its step, as in INIsim; see SEMANTICS.md, "Delay"), the clamp: how
 * many steps per layer depth a layer ignores its input at the start (0: none), and the further INIsim options
 * (bias relaxation, payloads, membrane clipping, clamp per layer), kept together in {@link InisimOptions}.
 */
public record SimulationConfig(int steps, Encoding encoding, double poissonProbabilityPerStep, NeuronSpec neuron, long seed,
		int batch, int threads, double microsPerStep, int recordedSamples, int delay, int clamp, boolean adaptiveThreshold, InisimOptions inisim) {

	public SimulationConfig(int steps, Encoding encoding, double poissonProbabilityPerStep, NeuronSpec neuron, long seed, int batch,
			int threads) {
		this(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, 1000.0, 0, 0, 0, false, InisimOptions.NONE);
	}

	public SimulationConfig {
		if (steps <= 0)
			throw new IllegalArgumentException("steps must be positive, got " + steps);
		if (batch <= 0)
			throw new IllegalArgumentException("batch must be positive, got " + batch);
		if (delay < 0)
			throw new IllegalArgumentException("delay must not be negative, got " + delay);
		if (clamp < 0)
			throw new IllegalArgumentException("clamp must not be negative, got " + clamp);
		if (inisim == null)
			inisim = InisimOptions.NONE;
		if (inisim.payloads() && neuron.isConductanceBased())
			throw new IllegalArgumentException("spikes with payloads (simulate { payloads }) need IF, LIF or CubaLIF neurons: a CobaLIF"
					+ " synapse cannot open a conductance by a payload's (1 + p)·w, which may be negative");
		if (inisim.payloads() && neuron.reset() == org.volr.model.ResetMode.MODULO)
			throw new IllegalArgumentException("spikes with payloads (simulate { payloads }) reset the membrane to zero; they cannot be"
					+ " combined with reset modulo");
	}

	public static SimulationConfig constant(int steps) {
		return new SimulationConfig(steps, Encoding.CONSTANT, 0, NeuronSpec.defaultIF(), 0, 256, 0);
	}

	/** Keep the spike count of every neuron for the first n samples (to compare rates with ANN activations). */
	public SimulationConfig withRecording(int n) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, microsPerStep, n, delay, clamp, adaptiveThreshold, inisim);
	}

	public SimulationConfig withNeuron(NeuronSpec n) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, n, seed, batch, threads, microsPerStep, recordedSamples, delay, clamp, adaptiveThreshold, inisim);
	}

	public SimulationConfig withThreads(int t) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, t, microsPerStep, recordedSamples, delay, clamp, adaptiveThreshold, inisim);
	}

	/** Samples read (and their input currents computed) at a time: memory, not results, depends on it. */
	public SimulationConfig withBatch(int b) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, b, threads, microsPerStep, recordedSamples, delay, clamp, adaptiveThreshold, inisim);
	}

	public SimulationConfig withPoisson(double probabilityPerStep, long s) {
		return new SimulationConfig(steps, Encoding.POISSON, probabilityPerStep, neuron, s, batch, threads, microsPerStep, recordedSamples, delay, clamp, adaptiveThreshold, inisim);
	}

	/** Event input binned into steps of the given length (SEMANTICS.md, "Input encodings"). */
	public SimulationConfig withEvents(double micros) {
		return new SimulationConfig(steps, Encoding.EVENTS, 0, neuron, seed, batch, threads, micros, recordedSamples, delay, clamp, adaptiveThreshold, inisim);
	}

	/** Spikes reach the next layer {@code steps} steps after they were fired (what PyNN and hardware do). */
	public SimulationConfig withDelay(int d) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, microsPerStep, recordedSamples, d, clamp, adaptiveThreshold, inisim);
	}

	/** Layer i (counting layers with neurons from 0) ignores its input for its first i·steps steps (SEMANTICS.md, "Clamp"). */
	public SimulationConfig withClamp(int stepsPerLayer) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, microsPerStep, recordedSamples, delay,
				stepsPerLayer, adaptiveThreshold, inisim);
	}

	/** Every layer's threshold follows its most active neuron (SEMANTICS.md, "Adaptive threshold"). */
	public SimulationConfig withAdaptiveThreshold(boolean on) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, microsPerStep, recordedSamples, delay,
				clamp, on, inisim);
	}

	/** The SNN Toolbox's options of SEMANTICS.md's "Bias relaxation", "Spikes with payloads", "Membrane clipping" and "Clamp". */
	public SimulationConfig withInisim(InisimOptions options) {
		return new SimulationConfig(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, microsPerStep, recordedSamples, delay,
				clamp, adaptiveThreshold, options);
	}

	public int effectiveThreads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}
}
