package org.volr.sim;

import java.util.Arrays;
import java.util.List;

import org.volr.core.encoding.PoissonInput;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.Population;
import org.volr.sim.plan.LayerPlan;
import org.volr.sim.plan.MaxPoolPlan;

/**
 * Simulates one sample at a time on one thread, keeping the state of every layer ({@link LayerState}). One sample's
 * state fits in cache, and work is done only for spikes that happen: a spike costs its fan-out; a silent input costs
 * nothing. The one dense cost per step is the potential update of each neuron.
 */
final class SampleRunner {
	private final SimulationConfig config;
	private final LayerState[] layers;
	private final SpikeGather gather;
	private final int inputSize;
	private final int[] inputSpikes;
	/** With a synaptic delay: the input's spikes of the last d+1 steps (else null). */
	private final SpikeRing inputRing;
	private final int[] outputCounts;
	/** The membrane readout's maximum of each output neuron's potential over the steps so far (null for the other readouts). */
	private final float[] outputMaxima;

	/** Spikes per neuron of the current sample, per layer, kept only for recorded samples. */
	private final int[][] neuronCounts;
	/** [sample][layer][neuron] spike counts of the first recorded samples, shared by all runners (disjoint rows). */
	final int[][][] recorded;
	/** Sample 0's spikes as (step, layer, neuron) triples, when samples are recorded; only the runner that simulated it has them. */
	int[] raster;
	int rasterLength;
	/** A raster stops growing here (triples), so a large network cannot fill the heap with one sample's spikes. */
	static final int RASTER_LIMIT = 3 * 2_000_000;

	/** The class read out at the last step, per sample index; shared by all runners (disjoint entries). */
	int[] predictions;

	// statistics, summed over the samples this runner simulated
	final long[] spikesPerLayer;
	final long[] correctAtStep;
	long firstSpikeStepSum, samplesWithOutputSpikes, samples;
	/**
	 * The index in the whole test set of the data's first sample (0 unless the set is simulated in shards): Poisson
	 * input is seeded per sample by that index, so that a shard draws the spikes the whole run draws for its samples.
	 */
	long firstSample;
	/** CPU time this runner's thread spent simulating (measured by the Simulator around each piece of work). */
	long cpuNanos;
	/**
	 * The steps of a sample: config.steps(), or 0 once {@link #abandon()}ed. A loop bound rather than a flag tested
	 * in the loop, because the JVM compiles a test never seen true into a trap that throws the code away when taken.
	 */
	private volatile int stepLimit;

	/** @param synapses CobaLIF neurons' split synapses (see ConductanceSynapses), null for the other neurons */
	SampleRunner(SpikingNetwork network, SimulationConfig config, ConductanceSynapses synapses, int[][][] recorded) {
		this.recorded = recorded;
		this.config = config;
		layers = layers(network, config, synapses);
		inputSize = network.inputSize();
		inputSpikes = new int[inputSize];
		inputRing = config.delay() > 0 ? new SpikeRing(config.delay(), inputSize, false) : null;
		gather = new SpikeGather(network, layers, config.inisim().payloads());
		outputCounts = new int[network.outputs()];
		outputMaxima = config.readout() == Readout.MEMBRANE_MAX ? new float[network.outputs()] : null;
		neuronCounts = new int[layers.length][];
		for (int l = 0; l < layers.length; l++)
			neuronCounts[l] = new int[layers[l].plan.outSize()];
		spikesPerLayer = new long[layers.length];
		correctAtStep = new long[config.steps()];
		stepLimit = config.steps();
	}

	/** Every layer's state, with the rules of the INIsim options that apply to it. */
	private static LayerState[] layers(SpikingNetwork network, SimulationConfig config, ConductanceSynapses synapses) {
		List<LayerPlan> plans = network.layers();
		InisimOptions inisim = config.inisim();
		List<String> unknown = inisim.unknownLayers(plans);
		if (!unknown.isEmpty())
			throw new IllegalArgumentException("the simulation options name layers this network has no neurons in: " + String.join(", ", unknown));
		List<String> unknownNeurons = config.unknownLayerNeurons(plans);
		if (!unknownNeurons.isEmpty())
			throw new IllegalArgumentException("neurons are given for layers this network has no neurons in: " + String.join(", ", unknownNeurons));
		refuseReadingSilentLayers(network, config);
		int n = plans.size(), d = config.delay(), widest = plans.stream().mapToInt(LayerPlan::outSize).max().orElse(0);
		boolean payloads = inisim.payloads();
		int[] clamp = Clamp.firstSteps(plans, config.clamp(), inisim);
		LayerState[] layers = new LayerState[n];
		PlainIf shared = null; // the fast path of the run's neuron, shared by the layers that have it
		for (int l = 0, depth = 0; l < n; l++) {
			LayerPlan p = plans.get(l);
			boolean readsOnlyInput = network.readsOnlyInput(l);
			if (!p.hasNeurons()) {
				layers[l] = new MaxPoolLayer((MaxPoolPlan) p, payloads, readsOnlyInput);
				continue;
			}
			NeuronSpec neuron = config.neuronOf(p.label());
			NeuronGroups groups = config.neuronGroups().get(p.label());
			if (groups != null && groups.size() != p.outSize())
				throw new IllegalArgumentException("layer '" + p.label() + "' has " + p.outSize() + " neurons, its per-neuron parameters give "
						+ groups.size());
			Population population = groups == null ? neuron.population(p.outSize()) : groups.population();
			PlainIf plain;
			if (neuron != config.neuron())
				plain = PlainIf.of(neuron, config, population, widest);
			else {
				if (shared == null)
					shared = PlainIf.of(neuron, config, population, widest);
				plain = shared;
			}
			// payloads read the residual v − θ of a reset by subtraction
			Firing firing = neuron.firing(payloads ? ResetMode.SUBTRACT : neuron.reset());
			InisimOptions.Clip clip = inisim.clipOf(p.label());
			if (clip != null)
				firing = firing.withClip(clip.low(), clip.high());
			// a layer reading its own spikes cannot be computed apart on its input alone
			boolean apart = l == 0 && n > 1 && plain != null && readsOnlyInput && config.encoding() == Encoding.CONSTANT
					&& network.recurrent(l) == null;
			layers[l] = new NeuronLayer(p, population, firing, synapses == null ? null : synapses.excitatory()[l],
					synapses == null ? null : synapses.inhibitory()[l], payloads, d > 0 ? new SpikeRing(d, p.outSize(), payloads) : null,
					readsOnlyInput, config.adaptiveThreshold() ? new AdaptiveThreshold(p.outSize()) : null,
					inisim.biasRelaxation() ? new BiasRelaxation(depth, config.steps(), p.bias()) : null, plain,
					apart ? new ConstantFirstLayer(plain, p.outSize()) : null, Recurrence.of(network.recurrent(l), neuron),
					config.initialPotentialOf(neuron), l == n - 1 && config.readout() == Readout.INTEGRATED);
			layers[l].clampedUntil = clamp[l];
			depth++;
		}
		return layers;
	}

	/**
	 * Neurons that never fire (LI) have no spikes for a layer reading them, and an output of them has no spikes to
	 * count: the validator's rules (SEMANTICS.md, "Leaky integrators (LI)"), for callers that skip it.
	 */
	private static void refuseReadingSilentLayers(SpikingNetwork network, SimulationConfig config) {
		List<LayerPlan> plans = network.layers();
		for (int l = 0; l < plans.size(); l++)
			for (SpikingNetwork.Source s : network.sources(l))
				if (s.layer() != SpikingNetwork.INPUT && !spikes(plans.get(s.layer()), config))
					throw new IllegalArgumentException("layer '" + plans.get(s.layer()).label() + "' has " + config.neuronOf(plans.get(s.layer()).label())
							.model().name() + " neurons, which never spike: layer '" + plans.get(l).label() + "' cannot read it");
		LayerPlan out = plans.get(plans.size() - 1);
		if (config.readout() == Readout.INTEGRATED && !out.hasNeurons())
			throw new IllegalArgumentException("the integrated readout sums the output layer's input current, but the output '" + out.label()
					+ "' is max pooling, which has none");
		if (config.readout() == Readout.SPIKES && !spikes(out, config))
			throw new IllegalArgumentException("the output layer '" + out.label() + "' has " + config.neuronOf(out.label()).model().name()
					+ " neurons, which never spike: read it out by its membrane (simulate { readout membrane_max } or membrane_last)");
	}

	private static boolean spikes(LayerPlan plan, SimulationConfig config) {
		return !plan.hasNeurons() || config.neuronOf(plan.label()).model().spikes();
	}

	/** Simulates one sample; its output spike counts go to {@code countsOut} at {@code sampleIndex · outputs}. */
	void run(float[] features, int offset, int label, long sampleIndex, int[] countsOut) {
		run(features, offset, null, label, sampleIndex, countsOut);
	}

	/**
	 * With {@code eventSteps} (input spikes of every step, ascending) instead of features: event-camera input, and spike
	 * trains read from bytes (Batch.ofSpikes), the same spikes trainSpikes finds in the values.
	 */
	void run(float[] features, int offset, int[][] eventSteps, int label, long sampleIndex, int[] countsOut) {
		run(features, offset, eventSteps, label, sampleIndex, countsOut, null, 0);
	}

	/**
	 * With the constant input currents already computed for the whole batch ({@code batchCurrents[l]}: W·x + b of
	 * every sample of the batch for a layer l reading the input, null for the others); this sample is {@code row}.
	 */
	void run(float[] features, int offset, int[][] eventSteps, int label, long sampleIndex, int[] countsOut, float[][] batchCurrents, int row) {
		boolean constant = config.encoding() == Encoding.CONSTANT && eventSteps == null;
		boolean record = recorded != null && sampleIndex < recorded.length;
		start(features, offset, constant, batchCurrents, row, record);
		boolean trains = config.encoding() == Encoding.SPIKES && eventSteps == null;
		PoissonInput poisson = constant || trains || eventSteps != null ? null : new PoissonInput(config.seed(), firstSample + sampleIndex, config.poissonProbabilityPerStep());
		int last = layers.length - 1, d = config.delay();
		float[] outPotential = layers[last] instanceof NeuronLayer out ? out.population.potential() : null;
		float[] outIntegrated = layers[last] instanceof NeuronLayer out ? out.integrated : null;
		int firstSpike = -1;
		boolean rasterOn = record && sampleIndex == 0;
		if (rasterOn) {
			raster = new int[3 * 1024];
			rasterLength = 0;
		}
		for (int t = 0; t < stepLimit; t++) {
			int[] inEvents = inputSpikes;
			int inCount = 0;
			if (eventSteps != null) {
				inEvents = eventSteps[t];
				inCount = inEvents.length;
			} else if (trains) {
				inCount = trainSpikes(features, offset + t * inputSize, sampleIndex, t);
			} else if (!constant) {
				inCount = poisson.nextStep(features, offset, inputSize, inputSpikes);
			}
			// with a delay d, spikes of step t are kept in ring slot t mod (d + 1) and read d steps later, from slot (t + 1) mod (d + 1)
			int slot = d > 0 ? t % (d + 1) : 0, due = d > 0 ? (t + 1) % (d + 1) : 0;
			if (d > 0 && !constant) {
				inputRing.put(slot, inEvents, null, inCount);
				inEvents = inputRing.spikes(due);
				inCount = inputRing.count(due);
			}
			for (int l = 0; l <= last; l++) {
				LayerState layer = layers[l];
				boolean fromCurrent = constant && layer.constantCurrent != null;
				int count = 0;
				int[] events = null;
				if (!fromCurrent) {
					count = gather.gather(l, inEvents, inCount, due);
					events = gather.events;
				}
				if (t < layer.clampedUntil)
					count = layer.count = 0; // clamped: this step's input is ignored, the layer stays silent
				else
					count = layer.step(t, events, count, gather.eventPayloads, fromCurrent);
				if (layer instanceof NeuronLayer) {
					if (rasterOn)
						addToRaster(t, l, count);
					spikesPerLayer[l] += count;
					layer.remember(slot);
				}
			}
			int count = layers[last].count;
			int[] spikes = layers[last].spikes;
			for (int e = 0; e < count; e++)
				outputCounts[spikes[e]]++;
			if (outputMaxima != null)
				for (int o = 0; o < outputMaxima.length; o++)
					outputMaxima[o] = Math.max(outputMaxima[o], outPotential[o]);
			if (firstSpike < 0 && count > 0)
				firstSpike = t;
			if (predict(outPotential, outIntegrated) == label)
				correctAtStep[t]++;
		}
		if (record) {
			int[][] copy = new int[neuronCounts.length][];
			for (int l = 0; l < copy.length; l++)
				copy[l] = neuronCounts[l].clone();
			recorded[(int) sampleIndex] = copy;
		}
		samples++;
		if (predictions != null)
			predictions[(int) sampleIndex] = predict(outPotential, outIntegrated);
		System.arraycopy(outputCounts, 0, countsOut, (int) sampleIndex * outputCounts.length, outputCounts.length);
		// without a branch (firstSpike is −1 or a step): samples without output spikes are rare, and code the JVM
		// compiled before meeting the first one would be thrown away and compiled again in the middle of a run
		firstSpikeStepSum += Math.max(firstSpike, 0);
		samplesWithOutputSpikes += (firstSpike >>> 31) ^ 1;
	}

	/**
	 * The inputs whose value at {@code from} .. {@code from + inputSize} (step t of a spike train) is 1, into
	 * inputSpikes; a value other than 0 and 1 is refused here, where every value is read once anyway.
	 */
	private int trainSpikes(float[] features, int from, long sampleIndex, int t) {
		int count = 0;
		for (int i = 0; i < inputSize; i++) {
			float v = features[from + i];
			if (v != 0f) {
				if (v != 1f)
					throw new NotASpike(sampleIndex, t, i, v);
				inputSpikes[count++] = i;
			}
		}
		return count;
	}

	/** A value of a spike train that is neither 0 nor 1; the Simulator names the data it came from. */
	static final class NotASpike extends RuntimeException {
		private static final long serialVersionUID = 1L;

		NotASpike(long sample, int step, int input, float value) {
			super("sample " + sample + ", step " + step + ", input " + input + ": " + value
					+ " is not a spike (input spikes take 0 or 1 per input and step)", null, false, false);
		}
	}

	/** Every layer back at rest, the constant currents of this sample computed (or copied from the batch's). */
	private void start(float[] features, int offset, boolean constant, float[][] batchCurrents, int row, boolean record) {
		for (int l = 0; l < layers.length; l++) {
			LayerState layer = layers[l];
			layer.reset();
			if (constant && layer.constantCurrent != null) {
				float[] c = layer.constantCurrent;
				if (batchCurrents != null && batchCurrents[l] != null)
					System.arraycopy(batchCurrents[l], row * c.length, c, 0, c.length);
				else
					layer.computeConstantCurrent(features, offset);
			}
			if (layer instanceof NeuronLayer neurons) {
				neurons.start(constant);
				if (record)
					Arrays.fill(neuronCounts[l], 0);
				neurons.neuronCounts = record ? neuronCounts[l] : null;
			}
		}
		Arrays.fill(outputCounts, 0);
		if (outputMaxima != null)
			Arrays.fill(outputMaxima, Float.NEGATIVE_INFINITY);
		if (inputRing != null)
			inputRing.reset();
	}

	/** Ends the sample being simulated (on another thread) at its next step, and all later ones at once; their results are meaningless. */
	void abandon() {
		stepLimit = 0;
	}

	/** Synaptic operations delivered into each layer (what its incoming spikes cost), over the samples simulated. */
	long[] synapticOpsPerLayer() {
		long[] ops = new long[layers.length];
		for (int l = 0; l < ops.length; l++)
			ops[l] = layers[l].synapticOps;
		return ops;
	}

	private void addToRaster(int t, int l, int count) {
		if (rasterLength + 3 * count > RASTER_LIMIT)
			return;
		if (rasterLength + 3 * count > raster.length)
			raster = Arrays.copyOf(raster, Math.max(2 * raster.length, rasterLength + 3 * count));
		int[] s = layers[l].spikes;
		for (int e = 0; e < count; e++) {
			raster[rasterLength++] = t;
			raster[rasterLength++] = l;
			raster[rasterLength++] = s[e];
		}
	}

	/** The class read out now (SEMANTICS.md, "Readout"); {@code outIntegrated}: the output's input current summed so far. */
	private int predict(float[] outPotential, float[] outIntegrated) {
		return switch (config.readout()) {
		case SPIKES -> mostSpikes(outPotential);
		case MEMBRANE_MAX -> highest(outputMaxima);
		case MEMBRANE_LAST -> highest(outPotential);
		case INTEGRATED -> highest(outIntegrated);
		};
	}

	/** The highest value; ties to the lower index. */
	private static int highest(float[] values) {
		int best = 0;
		for (int o = 1; o < values.length; o++)
			if (values[o] > values[best])
				best = o;
		return best;
	}

	/** Most spikes so far; ties to the higher potential, then the lower index. */
	private int mostSpikes(float[] outPotential) {
		int best = 0;
		for (int o = 1; o < outputCounts.length; o++) {
			if (outputCounts[o] > outputCounts[best] || (outputCounts[o] == outputCounts[best] && outPotential[o] > outPotential[best]))
				best = o;
		}
		return best;
	}
}
