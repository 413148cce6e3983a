package org.volr.sim;

import java.util.Arrays;
import java.util.List;

import org.volr.core.encoding.PoissonInput;
import org.volr.sim.plan.LayerPlan;
import org.volr.sim.plan.MaxPoolPlan;

/**
 * Simulates one sample at a time on one thread, keeping the state of every layer (potentials, pending currents,
 * refractory counters, spike lists). One sample's state fits in cache, and work is done only for spikes that
 * happen: a spike costs its fan-out; a silent input costs nothing. The one dense cost per step is the potential
 * update of each neuron.
 */
final class SampleRunner {
	private final List<LayerPlan> layers;
	private final SimulationConfig config;
	private final NeuronSpec neuron;
	private final float[][] potential, current, bias;
	/** CubaLIF neurons only: the synaptic charge still on its way to each membrane. */
	private final float[][] charge;
	/** CobaLIF neurons only: each layer's excitatory and inhibitory synapses apart, their conductances, inhibitory arrivals. */
	private final LayerPlan[] excitatory, inhibitory;
	private final float[][] conductanceE, conductanceI, arrivalsI;
	private final int[][] refractory, spikes, maxPoolCounts, maxPoolWinner, maxPoolLastStep;
	private final int[] inputSpikes, routed;
	private final int inputSize;
	/** What each layer reads (see SpikingNetwork), and whether it reads only the input (then, under constant input, as a current). */
	private final SpikingNetwork.Source[][] sources;
	private final boolean[] readsOnlyInput;
	/** W·x + b of the layers that read only the input, for the sample being simulated (constant input). */
	private final float[][] constantCurrents;
	/** Spikes of each layer in the current step (the first spikeCount[l] of spikes[l]). */
	private final int[] spikeCount;
	/** Layers reading several sources: their input spikes of the step, side by side; gathered: the input of the layer being stepped. */
	private final int[][] merged;
	private int[] gathered;
	private final int[] outputCounts;
	/** IF neurons without leak, refractory period or clamp: the update needs no per-neuron branches but the spike test. */
	private final boolean plainIF;
	/**
	 * First-layer neurons whose constant current is positive (the others can never spike, see firstLayerSpikes),
	 * with their currents and potentials side by side, so that stepping them reads three short arrays in order.
	 */
	private final int[] activeFirst;
	private final float[] activeCurrent, activePotential;
	private int activeFirstCount;
	/**
	 * When the first layer runs apart (plain IF neurons under constant input): its spikes of the steps
	 * [firstFrom, firstTo), computed ahead, step t's in firstSpikes[(t − firstFrom)·activeFirstCount ..]
	 * (firstSpikeCount[t − firstFrom] of them).
	 */
	private final int[] firstSpikes;
	private final int[] firstSpikeCount;
	private int firstFrom, firstTo;
	/** Steps × active neurons the first layer computes ahead at most (the whole sample unless it is very large). */
	private static final long FIRST_SPIKES_LIMIT = 1L << 20;
	/** Which neurons of the layer being updated fired (1) or not (0): see integratePlain. */
	private final int[] fired;
	/** With a synaptic delay d: the last d+1 steps' spikes of every layer with neurons, and of the input (rings). */
	private final int[][][] history;
	private final int[][] historyCount;
	private int[][] inputHistory;
	private final int[] inputHistoryCount;
	/** The first step at which each layer takes input (its depth among the layers with neurons × the clamp). */
	private final int[] clampedUntil;
	/** Adaptive threshold only: each neuron's spikes in this sample, and the most of any neuron per layer. */
	private final int[][] adaptCounts;
	private final int[] adaptMax;
	/** The INIsim options of SEMANTICS.md; each layer's depth among the layers with neurons, and its membrane clip (or null). */
	private final InisimOptions inisim;
	private final int[] depth;
	private final InisimOptions.Clip[] clip;
	/** Bias relaxation only: each layer's relaxed bias (or constant current) of the current step. */
	private final float[][] relaxed;
	/**
	 * Payloads only: the payload of each spike of the step (parallel to spikes), each neuron's payload sum, the
	 * payloads of the spikes a layer gathers (parallel to gathered), and of the delayed spikes (parallel to history).
	 */
	private final float[][] spikePayload, payloadSum, mergedPayload;
	private final float[][][] payloadHistory;
	private float[] gatheredPayload, noPayload;

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
	long synapticOps;
	/** Synaptic operations delivered into each layer (what its incoming spikes cost). */
	final long[] synapticOpsPerLayer;
	final long[] correctAtStep;
	long firstSpikeStepSum, samplesWithOutputSpikes, samples;
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
		this.layers = network.layers();
		this.config = config;
		this.neuron = config.neuron();
		int n = layers.size();
		potential = new float[n][];
		current = new float[n][];
		charge = new float[n][];
		bias = new float[n][];
		refractory = new int[n][];
		spikes = new int[n][];
		maxPoolCounts = new int[n][];
		maxPoolWinner = new int[n][];
		maxPoolLastStep = new int[n][];
		excitatory = synapses == null ? new LayerPlan[n] : synapses.excitatory();
		inhibitory = synapses == null ? new LayerPlan[n] : synapses.inhibitory();
		conductanceE = new float[n][];
		conductanceI = new float[n][];
		arrivalsI = new float[n][];
		for (int l = 0; l < n; l++) {
			LayerPlan p = layers.get(l);
			spikes[l] = new int[p.outSize()];
			if (p.hasNeurons()) {
				potential[l] = new float[p.outSize()];
				current[l] = new float[p.outSize()];
				bias[l] = p.bias();
				if (neuron.hasSynapticCurrent())
					charge[l] = new float[p.outSize()];
				if (neuron.isConductanceBased()) {
					conductanceE[l] = new float[p.outSize()];
					conductanceI[l] = new float[p.outSize()];
					arrivalsI[l] = new float[p.outSize()];
				}
				if (neuron.refractorySteps() > 0)
					refractory[l] = new int[p.outSize()];
			} else {
				maxPoolCounts[l] = new int[p.inSize()];
				maxPoolWinner[l] = new int[p.outSize()];
				maxPoolLastStep[l] = new int[p.outSize()];
			}
		}
		inputSize = network.inputSize();
		inputSpikes = new int[inputSize];
		routed = new int[1024];
		sources = new SpikingNetwork.Source[n][];
		readsOnlyInput = new boolean[n];
		constantCurrents = new float[n][];
		merged = new int[n][];
		spikeCount = new int[n];
		for (int l = 0; l < n; l++) {
			sources[l] = network.sources(l);
			readsOnlyInput[l] = network.readsOnlyInput(l);
			if (readsOnlyInput[l])
				constantCurrents[l] = new float[layers.get(l).outSize()];
			if (sources[l].length > 1 || sources[l][0].offset() != 0)
				merged[l] = new int[Math.max(16, layers.get(l).inSize())];
		}
		outputCounts = new int[network.outputs()];
		plainIF = neuron.leak() == 1f && neuron.refractorySteps() == 0 && neuron.minPotential() == Float.NEGATIVE_INFINITY
				&& neuron.threshold() > 0 && Float.isFinite(neuron.threshold()) && neuron.reset() != org.volr.model.ResetMode.MODULO && !neuron.hasSynapticCurrent()
				&& !neuron.isConductanceBased() && !config.adaptiveThreshold() && !config.inisim().changesNeurons();
		fired = new int[layers.stream().mapToInt(LayerPlan::outSize).max().orElse(0)];
		activeFirst = new int[layers.get(0).outSize()];
		activeCurrent = new float[activeFirst.length];
		firstSpikeCount = new int[config.steps()];
		// as large as computeFirstLayerAhead can need (never grown while running: see WarmUp for why that matters)
		boolean firstApart = plainIF && n > 1 && readsOnlyInput[0] && config.encoding() == Encoding.CONSTANT;
		firstSpikes = new int[firstApart ? (int) Math.max(activeFirst.length, Math.min((long) config.steps() * activeFirst.length, FIRST_SPIKES_LIMIT)) : 0];
		activePotential = new float[activeFirst.length];
		neuronCounts = new int[n][];
		for (int l = 0; l < n; l++)
			neuronCounts[l] = new int[layers.get(l).outSize()];
		int d = config.delay();
		history = new int[n][][];
		historyCount = new int[n][];
		inputHistory = d > 0 ? new int[d + 1][inputSize] : null;
		inputHistoryCount = new int[d + 1];
		if (d > 0)
			for (int l = 0; l < n; l++)
				if (layers.get(l).hasNeurons()) {
					history[l] = new int[d + 1][layers.get(l).outSize()];
					historyCount[l] = new int[d + 1];
				}
		clampedUntil = new int[n];
		for (int l = 0, depth = 0; l < n; l++)
			if (layers.get(l).hasNeurons())
				clampedUntil[l] = config.clamp() * depth++;
		inisim = config.inisim();
		List<String> unknown = inisim.unknownLayers(layers);
		if (!unknown.isEmpty())
			throw new IllegalArgumentException("the simulation options name layers this network has no neurons in: " + String.join(", ", unknown));
		depth = new int[n];
		clip = new InisimOptions.Clip[n];
		relaxed = new float[n][];
		spikePayload = new float[n][];
		payloadSum = new float[n][];
		mergedPayload = new float[n][];
		payloadHistory = new float[n][][];
		noPayload = new float[Math.max(16, inputSize)];
		for (int l = 0, k = 0; l < n; l++) {
			LayerPlan p = layers.get(l);
			depth[l] = k;
			if (!p.hasNeurons())
				continue;
			k++;
			clip[l] = inisim.clipOf(p.label());
			Integer until = inisim.layerClamps().get(p.label());
			if (until != null)
				clampedUntil[l] = until; // the layer's own clamp step replaces depth · clamp
			if (inisim.biasRelaxation())
				relaxed[l] = new float[p.outSize()];
		}
		if (inisim.payloads())
			for (int l = 0; l < n; l++) {
				spikePayload[l] = new float[layers.get(l).outSize()];
				if (merged[l] != null)
					mergedPayload[l] = new float[merged[l].length];
				if (layers.get(l).hasNeurons()) {
					payloadSum[l] = new float[layers.get(l).outSize()];
					if (d > 0)
						payloadHistory[l] = new float[d + 1][layers.get(l).outSize()];
				}
			}
		adaptCounts = new int[n][];
		adaptMax = new int[n];
		if (config.adaptiveThreshold())
			for (int l = 0; l < n; l++)
				adaptCounts[l] = new int[layers.get(l).outSize()];
		spikesPerLayer = new long[n];
		synapticOpsPerLayer = new long[n];
		correctAtStep = new long[config.steps()];
		stepLimit = config.steps();
	}

	private int delivered(int layer, int operations) {
		synapticOpsPerLayer[layer] += operations;
		return operations;
	}

	/** Simulates one sample; its output spike counts go to {@code countsOut} at {@code sampleIndex · outputs}. */
	void run(float[] features, int offset, int label, long sampleIndex, int[] countsOut) {
		run(features, offset, null, label, sampleIndex, countsOut);
	}

	/** With {@code eventSteps} (input spikes of every step) instead of features, for event-camera input. */
	void run(float[] features, int offset, int[][] eventSteps, int label, long sampleIndex, int[] countsOut) {
		run(features, offset, eventSteps, label, sampleIndex, countsOut, null, 0);
	}

	/**
	 * With the constant input currents already computed for the whole batch ({@code batchCurrents[l]}: W·x + b of
	 * every sample of the batch for a layer l reading the input, null for the others); this sample is {@code row}.
	 */
	void run(float[] features, int offset, int[][] eventSteps, int label, long sampleIndex, int[] countsOut, float[][] batchCurrents, int row) {
		reset();
		boolean constant = config.encoding() == Encoding.CONSTANT && eventSteps == null;
		if (constant)
			for (int l = 0; l < layers.size(); l++)
				if (readsOnlyInput[l]) {
					if (batchCurrents != null && batchCurrents[l] != null)
						System.arraycopy(batchCurrents[l], row * constantCurrents[l].length, constantCurrents[l], 0, constantCurrents[l].length);
					else
						constantCurrent(l, features, offset);
				}
		boolean pruneFirst = constant && plainIF && layers.size() > 1 && readsOnlyInput[0];
		if (pruneFirst)
			findActiveFirst();
		PoissonInput poisson = constant || eventSteps != null ? null : new PoissonInput(config.seed(), sampleIndex, config.poissonProbabilityPerStep());
		int last = layers.size() - 1, d = config.delay();
		float[] outPotential = potential[last];
		boolean record = recorded != null && sampleIndex < recorded.length;
		if (record)
			for (int[] c : neuronCounts)
				java.util.Arrays.fill(c, 0);
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
			} else if (!constant) {
				inCount = poisson.nextStep(features, offset, inputSize, inputSpikes);
			}
			// with a delay d, spikes of step t are kept in ring slot t mod (d + 1) and read d steps later, from slot (t + 1) mod (d + 1)
			int slot = d > 0 ? t % (d + 1) : 0, due = d > 0 ? (t + 1) % (d + 1) : 0;
			if (d > 0 && !constant) {
				if (inCount > inputHistory[slot].length) // event input may repeat a pixel within a step
					inputHistory[slot] = new int[inCount];
				System.arraycopy(inEvents, 0, inputHistory[slot], 0, inCount);
				inputHistoryCount[slot] = inCount;
				inEvents = inputHistory[due];
				inCount = inputHistoryCount[due];
			}
			for (int l = 0; l <= last; l++) {
				boolean fromCurrent = constant && readsOnlyInput[l];
				int count = 0;
				int[] events = null;
				if (!fromCurrent) {
					count = gather(l, inEvents, inCount, due);
					events = gathered;
				}
				count = stepLayer(l, t, events, count, fromCurrent, pruneFirst && l == 0, record);
				spikeCount[l] = count;
				if (rasterOn && layers.get(l).hasNeurons())
					addToRaster(t, l, count);
				if (layers.get(l).hasNeurons()) {
					spikesPerLayer[l] += count;
					if (d > 0) {
						System.arraycopy(spikes[l], 0, history[l][slot], 0, count);
						historyCount[l][slot] = count;
						if (payloadHistory[l] != null)
							System.arraycopy(spikePayload[l], 0, payloadHistory[l][slot], 0, count);
					}
				}
			}
			int count = spikeCount[last];
			for (int e = 0; e < count; e++)
				outputCounts[spikes[last][e]]++;
			if (firstSpike < 0 && count > 0)
				firstSpike = t;
			if (predict(outPotential) == label)
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
			predictions[(int) sampleIndex] = predict(outPotential);
		System.arraycopy(outputCounts, 0, countsOut, (int) sampleIndex * outputCounts.length, outputCounts.length);
		// without a branch (firstSpike is −1 or a step): samples without output spikes are rare, and code the JVM
		// compiled before meeting the first one would be thrown away and compiled again in the middle of a run
		firstSpikeStepSum += Math.max(firstSpike, 0);
		samplesWithOutputSpikes += (firstSpike >>> 31) ^ 1;
	}

	/** Ends the sample being simulated (on another thread) at its next step, and all later ones at once; their results are meaningless. */
	void abandon() {
		stepLimit = 0;
	}

	/** W·x + b of a layer that reads only the input, under constant input, for one sample. */
	private void constantCurrent(int l, float[] features, int offset) {
		float[] c = constantCurrents[l];
		layers.get(l).forward(features, offset, c);
		float[] b = layers.get(l).bias();
		for (int j = 0; j < c.length; j++)
			c[j] += b[j];
	}

	/** The first layer's neurons with a positive constant current, their currents and potentials side by side. */
	private void findActiveFirst() {
		float[] c = constantCurrents[0];
		firstFrom = firstTo = 0;
		activeFirstCount = 0;
		for (int j = 0; j < c.length; j++)
			if (c[j] > 0) {
				activeCurrent[activeFirstCount] = c[j];
				activePotential[activeFirstCount] = 0f;
				activeFirst[activeFirstCount++] = j;
			}
	}

	/**
	 * The spikes layer l receives this step into {@link #gathered} (and, when spikes carry payloads, their payloads in
	 * the same order into {@link #gatheredPayload}); returns how many. One source at offset 0 is read in place;
	 * several (parallel or added branches) are copied side by side, each index moved by its offset.
	 * Spikes of neurons (and input spikes) arrive d steps late with a delay d; max pooling only routes them.
	 */
	private int gather(int l, int[] inEvents, int inCount, int due) {
		SpikingNetwork.Source[] from = sources[l];
		boolean payloads = inisim.payloads();
		if (from.length == 1 && from[0].offset() == 0) {
			int s = from[0].layer();
			if (payloads)
				gatheredPayload = payloadsOf(s, inCount, due);
			if (s == SpikingNetwork.INPUT) {
				gathered = inEvents;
				return inCount;
			}
			boolean delayed = history[s] != null;
			gathered = delayed ? history[s][due] : spikes[s];
			return delayed ? historyCount[s][due] : spikeCount[s];
		}
		int[] out = merged[l];
		int n = 0;
		for (SpikingNetwork.Source src : from) {
			int s = src.layer(), k;
			int[] e;
			if (s == SpikingNetwork.INPUT) {
				e = inEvents;
				k = inCount;
			} else if (history[s] != null) {
				e = history[s][due];
				k = historyCount[s][due];
			} else {
				e = spikes[s];
				k = spikeCount[s];
			}
			if (n + k > out.length) {
				out = merged[l] = Arrays.copyOf(out, Math.max(2 * out.length, n + k));
				if (payloads)
					mergedPayload[l] = Arrays.copyOf(mergedPayload[l], out.length);
			}
			if (payloads) // the payloads of the spikes side by side with them
				System.arraycopy(payloadsOf(s, inCount, due), 0, mergedPayload[l], n, k);
			for (int i = 0; i < k; i++)
				out[n++] = e[i] + src.offset();
		}
		gathered = out;
		if (payloads)
			gatheredPayload = mergedPayload[l];
		return n;
	}

	/** One step of layer l given its input spikes (or its constant current); returns how many of its neurons spiked. */
	private int stepLayer(int l, int t, int[] events, int count, boolean fromCurrent, boolean pruneFirst, boolean record) {
		LayerPlan plan = layers.get(l);
		if (t < clampedUntil[l])
			return 0; // clamped: this step's input is ignored, the layer stays silent
		if (!plan.hasNeurons())
			return routeMaxPool((MaxPoolPlan) plan, l, events, count, t);
		NeuronSpec spec = adaptCounts[l] == null ? neuron : neuron.withThreshold(adaptiveThreshold(l, t));
		if (payloadSum[l] != null)
			spec = spec.withReset(org.volr.model.ResetMode.SUBTRACT); // leaves the residual v − θ for the payload
		float[] steady = steady(l, t, fromCurrent);
		int n;
		if (conductanceE[l] != null) {
			if (!fromCurrent) {
				if (excitatory[l] != null)
					synapticOps += delivered(l, excitatory[l].deliverAll(events, count, current[l]));
				if (inhibitory[l] != null)
					synapticOps += delivered(l, inhibitory[l].deliverAll(events, count, arrivalsI[l]));
			}
			n = NeuronDynamics.stepCoba(spec, potential[l], conductanceE[l], conductanceI[l], current[l], arrivalsI[l], steady, refractory[l],
					spikes[l], clip[l]);
		} else if (charge[l] != null) {
			if (!fromCurrent)
				synapticOps += delivered(l, deliverSpikes(plan, events, count, current[l]));
			n = NeuronDynamics.stepCuba(spec, potential[l], charge[l], current[l], steady, refractory[l], spikes[l], clip[l]);
		} else if (pruneFirst) {
			n = firstLayerSpikes(t, spikes[0]);
		} else if (fromCurrent) {
			n = NeuronDynamics.step(spec, potential[l], steady, false, refractory[l], spikes[l], clip[l]);
		} else if (plainIF) {
			synapticOps += delivered(l, plan.deliverAll(events, count, current[l]));
			n = integratePlain(potential[l], current[l], bias[l], spikes[l]);
		} else {
			float[] c = current[l];
			synapticOps += delivered(l, deliverSpikes(plan, events, count, c));
			float[] b = steady;
			for (int j = 0; j < c.length; j++)
				c[j] += b[j];
			n = NeuronDynamics.step(spec, potential[l], c, true, refractory[l], spikes[l], clip[l]);
		}
		if (payloadSum[l] != null)
			attachPayloads(l, n);
		if (record)
			countSpikes(l, n);
		if (adaptCounts[l] != null)
			for (int e = 0; e < n; e++)
				adaptMax[l] = Math.max(adaptMax[l], ++adaptCounts[l][spikes[l][e]]);
		return n;
	}

	private void addToRaster(int t, int l, int count) {
		if (rasterLength + 3 * count > RASTER_LIMIT)
			return;
		if (rasterLength + 3 * count > raster.length)
			raster = Arrays.copyOf(raster, Math.max(2 * raster.length, rasterLength + 3 * count));
		int[] s = spikes[l];
		for (int e = 0; e < count; e++) {
			raster[rasterLength++] = t;
			raster[rasterLength++] = l;
			raster[rasterLength++] = s[e];
		}
	}

	private void countSpikes(int l, int count) {
		int[] c = neuronCounts[l], s = spikes[l];
		for (int e = 0; e < count; e++)
			c[s[e]]++;
	}

	/** θ/100 + (θ − θ/100)·(the highest rate of any neuron of the layer so far, spikes per step): SEMANTICS.md. */
	private float adaptiveThreshold(int l, int t) {
		float theta = neuron.threshold(), floor = theta / 100f;
		return t == 0 ? floor : floor + (theta - floor) * adaptMax[l] / t;
	}

	/**
	 * Step t's spikes of a first layer of plain IF neurons under constant input. A neuron whose current is not
	 * positive starts at 0 and only goes down, so it never spikes and nobody reads its potential; only the others
	 * are computed, and ahead (see computeFirstLayerAhead).
	 */
	private int firstLayerSpikes(int t, int[] out) {
		if (t >= firstTo)
			computeFirstLayerAhead(t);
		int n = firstSpikeCount[t - firstFrom];
		System.arraycopy(firstSpikes, (t - firstFrom) * activeFirstCount, out, 0, n);
		return n;
	}

	/**
	 * The first layer's spikes from step {@code from} on, for the rest of the sample or as many steps as
	 * FIRST_SPIKES_LIMIT allows, neuron by neuron: each neuron's potential follows the same additions as step by
	 * step, so its spikes are the same, but its loop over time repeats one pattern (a constant current fires
	 * periodically), which the processor's branch predictor learns, where a loop over the neurons of a step meets
	 * each spike by surprise. Within a step the spikes are in neuron order, as when stepped.
	 */
	private void computeFirstLayerAhead(int from) {
		int active = activeFirstCount;
		int ahead = (int) Math.max(1, Math.min(config.steps() - from, FIRST_SPIKES_LIMIT / Math.max(1, active)));
		Arrays.fill(firstSpikeCount, 0, ahead, 0);
		float threshold = neuron.threshold(), resetTo = neuron.resetPotential();
		boolean subtract = neuron.reset() == org.volr.model.ResetMode.SUBTRACT;
		int[] out = firstSpikes, count = firstSpikeCount;
		for (int k = 0; k < active; k++) {
			float c = activeCurrent[k], v = activePotential[k];
			int j = activeFirst[k];
			for (int i = 0; i < ahead; i++) {
				v = v + c;
				if (v >= threshold) {
					out[i * active + count[i]++] = j;
					v = subtract ? v - threshold : resetTo;
				}
			}
			activePotential[k] = v;
		}
		firstFrom = from;
		firstTo = from + ahead;
	}

	/**
	 * Plain IF neurons, v += I + b, then the spikes. Spikes come at no pattern a branch predictor could learn, so with
	 * reset by subtraction the update has no branch and the JIT vectorises it (fire is 0 or 1, see
	 * NeuronDynamics.fired; v − θ·fire resets); a second, short loop lists the neurons that fired. Measured: the
	 * benchmark network's whole step in 12–18 % less time than a loop comparing and branching neuron by neuron.
	 */
	private int integratePlain(float[] v, float[] c, float[] b, int[] out) {
		float threshold = neuron.threshold(), resetTo = neuron.resetPotential();
		boolean subtract = neuron.reset() == org.volr.model.ResetMode.SUBTRACT;
		int n = 0;
		if (subtract) {
			for (int j = 0; j < v.length; j++) {
				float x = v[j] + (c[j] + b[j]);
				c[j] = 0f;
				float f = NeuronDynamics.fired(x, threshold);
				v[j] = x - threshold * f;
				fired[j] = (int) f;
			}
			for (int j = 0; j < v.length; j++) {
				out[n] = j;
				n += fired[j];
			}
			return n;
		}
		for (int j = 0; j < v.length; j++) {
			v[j] += c[j] + b[j];
			c[j] = 0f;
		}
		for (int j = 0; j < v.length; j++)
			if (v[j] >= threshold) {
				out[n++] = j;
				v[j] = resetTo;
			}
		return n;
	}

	private int routeMaxPool(MaxPoolPlan plan, int l, int[] events, int count, int step) {
		int[] out = spikes[l], last = maxPoolLastStep[l];
		int n = 0;
		for (int e = 0; e < count; e++) {
			int k = plan.route(events[e], maxPoolCounts[l], maxPoolWinner[l], routed);
			for (int i = 0; i < k; i++) {
				int o = routed[i];
				if (last[o] != step + 1) { // an output fires at most once per step
					last[o] = step + 1;
					if (spikePayload[l] != null)
						spikePayload[l][n] = gatheredPayload[e]; // the winner's spike passes on with its payload
					out[n++] = o;
				}
			}
		}
		return n;
	}

	/**
	 * The constant drive of layer l at step t: its bias, or W·x + b for a layer reading constant input; under bias
	 * relaxation with b scaled by clip(1 − (1 − 2t/T)·depth/50, 0, 1) (SEMANTICS.md, "Bias relaxation").
	 */
	private float[] steady(int l, int t, boolean fromCurrent) {
		float[] base = fromCurrent ? constantCurrents[l] : bias[l];
		if (relaxed[l] == null)
			return base;
		float f = InisimOptions.relaxation(depth[l], t, config.steps());
		if (f == 1f)
			return base;
		float[] b = bias[l], out = relaxed[l];
		for (int j = 0; j < out.length; j++)
			out[j] = fromCurrent ? base[j] - (1f - f) * b[j] : f * b[j];
		return out;
	}

	/** Delivers a step's spikes, with their payloads when spikes carry them. */
	private int deliverSpikes(LayerPlan plan, int[] events, int count, float[] current) {
		return gatheredPayload == null ? plan.deliverAll(events, count, current)
				: plan.deliverWithPayloads(events, gatheredPayload, count, current);
	}

	/**
	 * Spikes with payloads (SEMANTICS.md): a neuron that fired was reset by subtraction, so its potential is the
	 * residual v − θ; its spike carries p = residual − (payload sum so far), the sum grows by p, the membrane goes to 0.
	 */
	private void attachPayloads(int l, int n) {
		float[] v = potential[l], sum = payloadSum[l], out = spikePayload[l];
		int[] s = spikes[l];
		for (int e = 0; e < n; e++) {
			int j = s[e];
			float p = v[j] - sum[j];
			sum[j] += p;
			v[j] = 0f;
			out[e] = p;
		}
	}

	/** The payloads of source s's spikes as gather reads them: none for input spikes, delayed ones from the ring. */
	private float[] payloadsOf(int s, int inCount, int due) {
		if (s == SpikingNetwork.INPUT) {
			if (inCount > noPayload.length)
				noPayload = new float[inCount];
			return noPayload;
		}
		return history[s] != null ? payloadHistory[s][due] : spikePayload[s];
	}

	/** Most spikes so far; ties to the higher potential, then the lower index (SEMANTICS.md, "Readout"). */
	private int predict(float[] outPotential) {
		int best = 0;
		for (int o = 1; o < outputCounts.length; o++) {
			if (outputCounts[o] > outputCounts[best] || (outputCounts[o] == outputCounts[best] && outPotential[o] > outPotential[best]))
				best = o;
		}
		return best;
	}

	private void reset() {
		for (int l = 0; l < layers.size(); l++) {
			if (potential[l] != null) {
				Arrays.fill(potential[l], 0f);
				Arrays.fill(current[l], 0f);
			}
			if (charge[l] != null)
				Arrays.fill(charge[l], 0f);
			if (conductanceE[l] != null) {
				Arrays.fill(conductanceE[l], 0f);
				Arrays.fill(conductanceI[l], 0f);
				Arrays.fill(arrivalsI[l], 0f);
			}
			if (refractory[l] != null)
				Arrays.fill(refractory[l], 0);
			if (maxPoolCounts[l] != null) {
				Arrays.fill(maxPoolCounts[l], 0);
				Arrays.fill(maxPoolWinner[l], -1);
				Arrays.fill(maxPoolLastStep[l], 0);
			}
		}
		Arrays.fill(outputCounts, 0);
		for (int[] c : historyCount)
			if (c != null)
				Arrays.fill(c, 0);
		Arrays.fill(inputHistoryCount, 0);
		Arrays.fill(spikeCount, 0);
		for (int[] c : adaptCounts)
			if (c != null)
				Arrays.fill(c, 0);
		Arrays.fill(adaptMax, 0);
		for (float[] p : payloadSum)
			if (p != null)
				Arrays.fill(p, 0f);
	}
}
