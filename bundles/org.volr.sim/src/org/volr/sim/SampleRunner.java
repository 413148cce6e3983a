package org.volr.sim;

import java.util.Arrays;
import java.util.List;

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
	private final int[][] refractory, spikes, maxPoolCounts, maxPoolWinner, maxPoolLastStep;
	private final int[] inputSpikes, routed;
	private final float[] constantCurrent;
	private final int[] outputCounts;
	/** IF neurons without leak, refractory period or clamp: the update needs no per-neuron branches but the spike test. */
	private final boolean plainIF;
	/** First-layer neurons whose constant current is positive; the others can never spike (see integrateConstant). */
	private final int[] activeFirst;
	private int activeFirstCount;
	/** With a synaptic delay d: the last d+1 steps' input spikes of every layer fed by spiking neurons (a ring). */
	private final int[][][] delayed;
	private final int[][] delayedCount;
	/** The first step at which each layer takes input (its depth among the layers with neurons × the clamp). */
	private final int[] clampedUntil;
	/** Adaptive threshold only: each neuron's spikes in this sample, and the most of any neuron per layer. */
	private final int[][] adaptCounts;
	private final int[] adaptMax;

	/** Spikes per neuron of the current sample, per layer, kept only for recorded samples. */
	private final int[][] neuronCounts;
	/** [sample][layer][neuron] spike counts of the first recorded samples, shared by all runners (disjoint rows). */
	final int[][][] recorded;
	/** The class read out at the last step, per sample index; shared by all runners (disjoint entries). */
	int[] predictions;

	// statistics, summed over the samples this runner simulated
	final long[] spikesPerLayer;
	long synapticOps;
	/** Synaptic operations delivered into each layer (what its incoming spikes cost). */
	final long[] synapticOpsPerLayer;
	final long[] correctAtStep;
	long firstSpikeStepSum, samplesWithOutputSpikes, samples;

	SampleRunner(SpikingNetwork network, SimulationConfig config, int[][][] recorded) {
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
		int maxFanIn = 0;
		for (int l = 0; l < n; l++) {
			LayerPlan p = layers.get(l);
			spikes[l] = new int[p.outSize()];
			if (p.hasNeurons()) {
				potential[l] = new float[p.outSize()];
				current[l] = new float[p.outSize()];
				bias[l] = p.bias();
				if (neuron.hasSynapticCurrent())
					charge[l] = new float[p.outSize()];
				if (neuron.refractorySteps() > 0)
					refractory[l] = new int[p.outSize()];
			} else {
				maxPoolCounts[l] = new int[p.inSize()];
				maxPoolWinner[l] = new int[p.outSize()];
				maxPoolLastStep[l] = new int[p.outSize()];
			}
			maxFanIn = Math.max(maxFanIn, p.inSize());
		}
		inputSpikes = new int[layers.get(0).inSize()];
		routed = new int[1024];
		constantCurrent = new float[layers.get(0).outSize()];
		outputCounts = new int[network.outputs()];
		plainIF = neuron.leak() == 1f && neuron.refractorySteps() == 0 && neuron.minPotential() == Float.NEGATIVE_INFINITY
				&& neuron.threshold() > 0 && neuron.reset() != org.volr.model.ResetMode.MODULO && !neuron.hasSynapticCurrent()
				&& !config.adaptiveThreshold();
		activeFirst = new int[layers.get(0).outSize()];
		neuronCounts = new int[n][];
		for (int l = 0; l < n; l++)
			neuronCounts[l] = new int[layers.get(l).outSize()];
		int d = config.delay();
		delayed = new int[n][][];
		delayedCount = new int[n][];
		if (d > 0)
			for (int l = 0; l < n; l++) {
				delayed[l] = new int[d + 1][layers.get(l).inSize()];
				delayedCount[l] = new int[d + 1];
			}
		clampedUntil = new int[n];
		for (int l = 0, depth = 0; l < n; l++)
			if (layers.get(l).hasNeurons())
				clampedUntil[l] = config.clamp() * depth++;
		adaptCounts = new int[n][];
		adaptMax = new int[n];
		if (config.adaptiveThreshold())
			for (int l = 0; l < n; l++)
				adaptCounts[l] = new int[layers.get(l).outSize()];
		spikesPerLayer = new long[n];
		synapticOpsPerLayer = new long[n];
		correctAtStep = new long[config.steps()];
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
		reset();
		boolean constant = config.encoding() == Encoding.CONSTANT && eventSteps == null;
		LayerPlan first = layers.get(0);
		if (constant) {
			first.forward(features, offset, constantCurrent);
			float[] b = first.bias();
			activeFirstCount = 0;
			for (int j = 0; j < constantCurrent.length; j++) {
				constantCurrent[j] += b[j];
				if (constantCurrent[j] > 0)
					activeFirst[activeFirstCount++] = j;
			}
		}
		boolean pruneFirst = constant && plainIF && layers.size() > 1;
		PoissonInput poisson = constant || eventSteps != null ? null : new PoissonInput(config.seed(), sampleIndex, config.poissonProbabilityPerStep());
		int last = layers.size() - 1;
		float[] outPotential = potential[last];
		boolean record = recorded != null && sampleIndex < recorded.length;
		if (record)
			for (int[] c : neuronCounts)
				java.util.Arrays.fill(c, 0);
		int firstSpike = -1;
		for (int t = 0; t < config.steps(); t++) {
			int[] events = inputSpikes;
			int count = 0;
			if (eventSteps != null) {
				events = eventSteps[t];
				count = events.length;
			} else if (!constant) {
				count = poisson.nextStep(features, offset, first.inSize(), inputSpikes);
			}
			for (int l = 0; l <= last; l++) {
				LayerPlan plan = layers.get(l);
				if (delayed[l] != null && !(l == 0 && constant) && (l == 0 || layers.get(l - 1).hasNeurons())) {
					// keep this step's spikes, take those fired `delay` steps ago (ring slot (t − d) mod (d + 1))
					int[][] ring = delayed[l];
					int slot = t % ring.length, due = (t + 1) % ring.length;
					if (count > ring[slot].length) // event input may repeat a pixel within a step
						ring[slot] = new int[count];
					System.arraycopy(events, 0, ring[slot], 0, count);
					delayedCount[l][slot] = count;
					events = ring[due];
					count = delayedCount[l][due];
				}
				if (t < clampedUntil[l]) {
					count = 0; // clamped: this step's input is ignored, the layer stays silent
				} else if (!plan.hasNeurons()) {
					count = routeMaxPool((MaxPoolPlan) plan, l, events, count, t);
				} else {
					float[] drive = null;
					NeuronSpec spec = adaptCounts[l] == null ? neuron : neuron.withThreshold(adaptiveThreshold(l, t));
					if (charge[l] != null) {
						float[] arrivals = current[l];
						if (!(l == 0 && constant))
							synapticOps += delivered(l, plan.deliverAll(events, count, arrivals));
						float[] steady = l == 0 && constant ? constantCurrent : bias[l];
						count = NeuronDynamics.stepCuba(spec, potential[l], charge[l], arrivals, steady, refractory[l], spikes[l]);
						if (record)
							countSpikes(l, count);
					} else if (l == 0 && pruneFirst) {
						count = integrateConstant(potential[0], spikes[0]);
						if (record)
							countSpikes(l, count);
						events = spikes[l];
						spikesPerLayer[l] += count;
						continue;
					} else if (l == 0 && constant) {
						drive = constantCurrent;
					} else if (plainIF) {
						float[] c = current[l];
						synapticOps += delivered(l, plan.deliverAll(events, count, c));
						count = integratePlain(potential[l], c, bias[l], spikes[l]);
						if (record)
							countSpikes(l, count);
						events = spikes[l];
						spikesPerLayer[l] += count;
						continue;
					} else {
						float[] c = current[l];
						synapticOps += delivered(l, plan.deliverAll(events, count, c));
						float[] b = bias[l];
						for (int j = 0; j < c.length; j++)
							c[j] += b[j];
						drive = c;
					}
					if (charge[l] == null) {
						count = NeuronDynamics.step(spec, potential[l], drive, !(l == 0 && constant), refractory[l], spikes[l]);
						if (record)
							countSpikes(l, count);
					}
					if (adaptCounts[l] != null)
						for (int e = 0; e < count; e++)
							adaptMax[l] = Math.max(adaptMax[l], ++adaptCounts[l][spikes[l][e]]);
				}
				events = spikes[l];
				spikesPerLayer[l] += plan.hasNeurons() ? count : 0;
			}
			for (int e = 0; e < count; e++)
				outputCounts[events[e]]++;
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
		if (firstSpike >= 0) {
			firstSpikeStepSum += firstSpike;
			samplesWithOutputSpikes++;
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
	 * A first layer under constant input with plain IF neurons: a neuron whose current is not positive starts at 0
	 * and only goes down, so it never spikes and nobody reads its potential; only the others are stepped.
	 */
	private int integrateConstant(float[] v, int[] out) {
		float threshold = neuron.threshold(), resetTo = neuron.resetPotential();
		boolean subtract = neuron.reset() == org.volr.model.ResetMode.SUBTRACT;
		int n = 0;
		for (int k = 0; k < activeFirstCount; k++) {
			int j = activeFirst[k];
			float vj = v[j] + constantCurrent[j];
			if (vj >= threshold) {
				out[n++] = j;
				vj = subtract ? vj - threshold : resetTo;
			}
			v[j] = vj;
		}
		return n;
	}

	/** Plain IF neurons: one pass the JIT vectorises (v += I + b), then a scan for the rare spikes. */
	private int integratePlain(float[] v, float[] c, float[] b, int[] out) {
		for (int j = 0; j < v.length; j++) {
			v[j] += c[j] + b[j];
			c[j] = 0f;
		}
		float threshold = neuron.threshold(), resetTo = neuron.resetPotential();
		boolean subtract = neuron.reset() == org.volr.model.ResetMode.SUBTRACT;
		int n = 0;
		for (int j = 0; j < v.length; j++)
			if (v[j] >= threshold) {
				out[n++] = j;
				v[j] = subtract ? v[j] - threshold : resetTo;
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
					out[n++] = o;
				}
			}
		}
		return n;
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
			if (refractory[l] != null)
				Arrays.fill(refractory[l], 0);
			if (maxPoolCounts[l] != null) {
				Arrays.fill(maxPoolCounts[l], 0);
				Arrays.fill(maxPoolWinner[l], -1);
				Arrays.fill(maxPoolLastStep[l], 0);
			}
		}
		Arrays.fill(outputCounts, 0);
		for (int[] c : delayedCount)
			if (c != null)
				Arrays.fill(c, 0);
		for (int[] c : adaptCounts)
			if (c != null)
				Arrays.fill(c, 0);
		Arrays.fill(adaptMax, 0);
	}
}
