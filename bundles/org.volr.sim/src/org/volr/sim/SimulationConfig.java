package org.volr.sim;

import java.util.Map;

import org.volr.model.DiscretisationKind;
import org.volr.model.InitialPotential;
import org.volr.model.Readout;

/**
 * What to simulate: steps, input encoding (with the Poisson rate as a probability per step at x = 1), the neuron,
 * the seed, how many samples at a time and threads to use (0 = one per core), and the synaptic delay in steps
 * (0: a spike reaches the next layer within its step, as in INIsim; see SEMANTICS.md, "Delay"), the clamp: how
 * many steps per layer depth a layer ignores its input at the start (0: none), and the further INIsim options
 * (bias relaxation, payloads, membrane clipping, clamp per layer), kept together in {@link InisimOptions}; the layers
 * with a neuron of their own ({@code layerNeurons}, by layer label as in LayerPlan.label(); the others have
 * {@code neuron}), how the class of a sample is read out (SEMANTICS.md, "Readout") and how the neurons' equations were
 * discretised (their constants are in the neurons; "Discretisation"), and where the membranes of spiking neurons start a sample
 * (0, or half their threshold: "Neuron update").
 */
public record SimulationConfig(int steps, Encoding encoding, double poissonProbabilityPerStep, NeuronSpec neuron, long seed,
		int batch, int threads, double microsPerStep, int recordedSamples, int delay, int clamp, boolean adaptiveThreshold, InisimOptions inisim,
		Map<String, NeuronSpec> layerNeurons, Readout readout, DiscretisationKind discretisation, Map<String, NeuronGroups> neuronGroups,
		InitialPotential initialPotential) {

	public SimulationConfig(int steps, Encoding encoding, double poissonProbabilityPerStep, NeuronSpec neuron, long seed, int batch,
			int threads) {
		this(steps, encoding, poissonProbabilityPerStep, neuron, seed, batch, threads, 1000.0, 0, 0, 0, false, InisimOptions.NONE, Map.of(),
				Readout.SPIKES, DiscretisationKind.EXACT, Map.of(), InitialPotential.ZERO);
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
		layerNeurons = Map.copyOf(layerNeurons);
		neuronGroups = Map.copyOf(neuronGroups);
		if (readout == null)
			readout = Readout.SPIKES;
		if (discretisation == null)
			discretisation = DiscretisationKind.EXACT;
		if (initialPotential == null)
			initialPotential = InitialPotential.ZERO;
		boolean conductances = neuron.isConductanceBased() || layerNeurons.values().stream().anyMatch(NeuronSpec::isConductanceBased);
		if (inisim.payloads() && conductances)
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
		return with(f -> f.recordedSamples = n);
	}

	public SimulationConfig withNeuron(NeuronSpec n) {
		return with(f -> f.neuron = n);
	}

	public SimulationConfig withThreads(int t) {
		return with(f -> f.threads = t);
	}

	/** Samples read (and their input currents computed) at a time: memory, not results, depends on it. */
	public SimulationConfig withBatch(int b) {
		return with(f -> f.batch = b);
	}

	public SimulationConfig withPoisson(double probabilityPerStep, long s) {
		return with(f -> {
			f.encoding = Encoding.POISSON;
			f.poissonProbabilityPerStep = probabilityPerStep;
			f.seed = s;
		});
	}

	/** Event input binned into steps of the given length (SEMANTICS.md, "Input encodings"). */
	public SimulationConfig withEvents(double micros) {
		return with(f -> {
			f.encoding = Encoding.EVENTS;
			f.poissonProbabilityPerStep = 0;
			f.microsPerStep = micros;
		});
	}

	/**
	 * Input given as spike trains: each sample's values are [steps, inputs...] of 0 and 1, input i spiking at step t
	 * iff value [t, i] is 1 (SEMANTICS.md, "Input encodings").
	 */
	public SimulationConfig withSpikeTrains() {
		return with(f -> {
			f.encoding = Encoding.SPIKES;
			f.poissonProbabilityPerStep = 0;
		});
	}

	/** Spikes reach the next layer {@code steps} steps after they were fired (what PyNN and hardware do). */
	public SimulationConfig withDelay(int d) {
		return with(f -> f.delay = d);
	}

	/** Layer i (counting layers with neurons from 0) ignores its input for its first i·steps steps (SEMANTICS.md, "Clamp"). */
	public SimulationConfig withClamp(int stepsPerLayer) {
		return with(f -> f.clamp = stepsPerLayer);
	}

	/** Every layer's threshold follows its most active neuron (SEMANTICS.md, "Adaptive threshold"). */
	public SimulationConfig withAdaptiveThreshold(boolean on) {
		return with(f -> f.adaptiveThreshold = on);
	}

	/** The SNN Toolbox's options of SEMANTICS.md's "Bias relaxation", "Spikes with payloads", "Membrane clipping" and "Clamp". */
	public SimulationConfig withInisim(InisimOptions options) {
		return with(f -> f.inisim = options);
	}

	/** Gives the layers labelled so (LayerPlan.label()) neurons of their own, instead of {@link #neuron}. */
	public SimulationConfig withLayerNeurons(Map<String, NeuronSpec> byLabel) {
		return with(f -> f.layerNeurons = byLabel);
	}

	/** The class of a sample is read out so (SEMANTICS.md, "Readout"). */
	public SimulationConfig withReadout(Readout r) {
		return with(f -> f.readout = r);
	}

	/**
	 * Records how the neurons' equations were discretised (SEMANTICS.md, "Discretisation"): the neurons given here and
	 * in {@link #withLayerNeurons} carry their constants already; this says which for the results and the targets.
	 */
	public SimulationConfig withDiscretisation(DiscretisationKind d) {
		return with(f -> f.discretisation = d);
	}

	/**
	 * Gives the layers labelled so parameters per neuron (SEMANTICS.md, "Per-neuron parameters"): their neurons in
	 * groups of equal values, each group with its own discretisation.
	 */
	public SimulationConfig withNeuronGroups(Map<String, NeuronGroups> byLabel) {
		return with(f -> f.neuronGroups = byLabel);
	}

	/** Every spiking layer's membranes start a sample at half its threshold, or at 0 (SEMANTICS.md, "Neuron update"). */
	public SimulationConfig withInitialPotential(InitialPotential p) {
		return with(f -> f.initialPotential = p);
	}

	/**
	 * Where the membranes of a layer with this neuron start a sample: half the threshold under {@code init half} for
	 * neurons that fire; 0 otherwise (a leaky integrator has no threshold).
	 */
	public float initialPotentialOf(NeuronSpec n) {
		return initialPotential == InitialPotential.HALF && n.model().spikes() ? n.threshold() / 2 : 0f;
	}

	/** The neuron of the layer with that label: its own, else the run's. */
	public NeuronSpec neuronOf(String label) {
		NeuronSpec own = layerNeurons.get(label);
		return own != null ? own : neuron;
	}

	/** The labels of layer neurons this network does not have among its layers with neurons (a misspelt label is an error). */
	public java.util.List<String> unknownLayerNeurons(java.util.List<org.volr.sim.plan.LayerPlan> plans) {
		java.util.Set<String> known = new java.util.HashSet<>();
		for (org.volr.sim.plan.LayerPlan p : plans)
			if (p.hasNeurons())
				known.add(p.label());
		return java.util.stream.Stream.concat(layerNeurons.keySet().stream(), neuronGroups.keySet().stream()).filter(l -> !known.contains(l))
				.distinct().sorted().toList();
	}

	/** A copy with the fields {@code change} sets: what every wither is, so that a new field is listed here only. */
	private SimulationConfig with(java.util.function.Consumer<Fields> change) {
		Fields f = new Fields(this);
		change.accept(f);
		return new SimulationConfig(f.steps, f.encoding, f.poissonProbabilityPerStep, f.neuron, f.seed, f.batch, f.threads, f.microsPerStep,
				f.recordedSamples, f.delay, f.clamp, f.adaptiveThreshold, f.inisim, f.layerNeurons, f.readout, f.discretisation, f.neuronGroups,
				f.initialPotential);
	}

	/** A config's fields, to be changed before they become a new config ({@link #with}). */
	private static final class Fields {
		int steps;
		Encoding encoding;
		double poissonProbabilityPerStep;
		NeuronSpec neuron;
		long seed;
		int batch;
		int threads;
		double microsPerStep;
		int recordedSamples;
		int delay;
		int clamp;
		boolean adaptiveThreshold;
		InisimOptions inisim;
		Map<String, NeuronSpec> layerNeurons;
		Readout readout;
		DiscretisationKind discretisation;
		Map<String, NeuronGroups> neuronGroups;
		InitialPotential initialPotential;

		Fields(SimulationConfig c) {
			steps = c.steps;
			encoding = c.encoding;
			poissonProbabilityPerStep = c.poissonProbabilityPerStep;
			neuron = c.neuron;
			seed = c.seed;
			batch = c.batch;
			threads = c.threads;
			microsPerStep = c.microsPerStep;
			recordedSamples = c.recordedSamples;
			delay = c.delay;
			clamp = c.clamp;
			adaptiveThreshold = c.adaptiveThreshold;
			inisim = c.inisim;
			layerNeurons = c.layerNeurons;
			readout = c.readout;
			discretisation = c.discretisation;
			neuronGroups = c.neuronGroups;
			initialPotential = c.initialPotential;
		}
	}

	public int effectiveThreads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}
}
