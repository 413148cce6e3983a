package org.volr.sim;

import org.volr.net.neuron.Firing;
import org.volr.net.neuron.Population;
import org.volr.sim.plan.LayerPlan;

/**
 * A layer with neurons: its synapses deliver the step's input spikes into its population (made by the neuron
 * model's plug-in, which keeps the neurons' state and update), which then steps once. The SNN Toolbox options that
 * apply to the layer are small rules around that step: an adaptive threshold, payloads, bias relaxation (each null
 * when off); the membrane clip is part of its {@link Firing}. A recurrent layer also delivers its own earlier spikes
 * ({@link Recurrence}) before its population steps. Plain IF neurons take the fast path ({@link PlainIf}),
 * and a first layer of them under constant input may be computed apart ({@link ConstantFirstLayer}).
 */
final class NeuronLayer extends LayerState {
	final Population population;
	private final float[] bias;
	/** How the neurons fire: the model's threshold and reset, the layer's clip, reset by subtraction under payloads. */
	private final Firing firing;
	/** Conductance-based neurons only: the layer's positive and negative weights apart, already in conductance (each null when it has none). */
	private final LayerPlan excitatory, inhibitory;
	private final boolean conductances;
	private final AdaptiveThreshold adaptive;
	private final Payloads payloadRule;
	private final BiasRelaxation relaxation;
	private final PlainIf plain;
	private final ConstantFirstLayer apart;
	/** Its projection onto itself, or null when it is not recurrent. */
	private final Recurrence recurrence;
	/** Whether the current sample's spikes of this layer come from {@link #apart}. */
	private boolean runsApart;
	/** Spikes per neuron of the current sample, counted only for recorded samples (else null). */
	int[] neuronCounts;
	/** Where the membranes start a sample: 0, or half the threshold under {@code init half} (SEMANTICS.md, "Neuron update"). */
	private final float initialPotential;
	/**
	 * The output layer under the integrated readout: each neuron's input current summed over the sample's steps so far (SEMANTICS.md,
	 * "Readout"); null for the other layers and readouts.
	 */
	final float[] integrated;

	NeuronLayer(LayerPlan plan, Population population, Firing firing, LayerPlan excitatory, LayerPlan inhibitory, boolean payloads,
			SpikeRing ring, boolean readsOnlyInput, AdaptiveThreshold adaptive, BiasRelaxation relaxation, PlainIf plain, ConstantFirstLayer apart,
			Recurrence recurrence, float initialPotential, boolean integrates) {
		super(plan, payloads, ring, readsOnlyInput);
		this.population = population;
		this.bias = plan.bias();
		this.firing = firing;
		this.excitatory = excitatory;
		this.inhibitory = inhibitory;
		this.conductances = population.inhibitoryArrivals() != null;
		this.adaptive = adaptive;
		this.payloadRule = payloads ? new Payloads(plan.outSize()) : null;
		this.relaxation = relaxation;
		this.plain = plain;
		this.apart = apart;
		this.recurrence = recurrence;
		this.initialPotential = initialPotential;
		this.integrated = integrates ? new float[plan.outSize()] : null;
		if (integrates && conductances)
			throw new IllegalArgumentException("the integrated readout sums the output's input current, but layer '" + plan.label()
					+ "' takes its input as conductances (CobaLIF); read it out by spikes or membrane_max");
	}

	/** Starts a sample; {@code constant}: whether its input is constant (then a first layer may be computed apart). */
	void start(boolean constant) {
		runsApart = apart != null && constant;
		if (runsApart)
			apart.start(constantCurrent, initialPotential);
	}

	@Override
	int step(int t, int[] events, int eventCount, float[] eventPayloads, boolean fromCurrent) {
		int n;
		if (runsApart)
			n = apart.step(spikes);
		else if (plain != null && !fromCurrent) {
			synapticOps += plan.deliverAll(events, eventCount, population.arrivals());
			recur(t);
			if (integrated != null)
				integrate(population.arrivals(), bias);
			n = plain.integrate(population.potential(), population.arrivals(), bias, spikes);
		} else {
			if (!fromCurrent)
				deliver(events, eventCount, eventPayloads);
			boolean recurred = recur(t);
			float[] base = fromCurrent ? constantCurrent : bias;
			float[] drive = relaxation == null ? base : relaxation.drive(base, t, fromCurrent);
			Firing f = adaptive == null ? firing : firing.withThreshold(adaptive.at(firing.threshold(), t));
			if (integrated != null)
				integrate(!fromCurrent || recurred ? population.arrivals() : null, drive);
			n = population.step(drive, !fromCurrent || recurred, f, spikes);
		}
		if (payloadRule != null)
			payloadRule.attach(population.potential(), spikes, n, payloads);
		if (neuronCounts != null)
			for (int e = 0; e < n; e++)
				neuronCounts[spikes[e]]++;
		if (adaptive != null)
			adaptive.count(spikes, n);
		return count = n;
	}

	/** Adds this step's input current, the spikes' weights that arrived (none: null) plus the constant drive, to {@link #integrated}. */
	private void integrate(float[] arrivals, float[] drive) {
		float[] sum = integrated;
		for (int j = 0; j < sum.length; j++)
			sum[j] += (arrivals == null ? 0f : arrivals[j]) + drive[j];
	}

	/**
	 * The layer's own spikes of step t − max(1, d) into its population through its recurrent weights, after the step's
	 * other input (SEMANTICS.md, "Recurrent layers"): without a delay those of the step before, still in {@link #spikes}
	 * (none after a clamped or the first step); with a delay d the ring's, as every reader of the layer reads them.
	 * Returns whether the layer is recurrent.
	 */
	private boolean recur(int t) {
		if (recurrence == null)
			return false;
		int due = ring == null ? 0 : ring.dueAt(t);
		synapticOps += recurrence.deliver(output(due), payloads == null ? null : outputPayloads(due), outputCount(due), population);
		return true;
	}

	/**
	 * The step's spikes into the population: with their payloads when spikes carry them; for conductance-based
	 * neurons the excitatory and inhibitory weights apart (payloads do not reach conductances).
	 */
	private void deliver(int[] events, int eventCount, float[] eventPayloads) {
		if (conductances) {
			if (excitatory != null)
				synapticOps += excitatory.deliverAll(events, eventCount, population.arrivals());
			if (inhibitory != null) // a layer without negative weights (average pooling) has none
				synapticOps += inhibitory.deliverAll(events, eventCount, population.inhibitoryArrivals());
		} else if (eventPayloads == null)
			synapticOps += plan.deliverAll(events, eventCount, population.arrivals());
		else
			synapticOps += plan.deliverWithPayloads(events, eventPayloads, eventCount, population.arrivals());
	}

	@Override
	void reset() {
		count = 0;
		population.reset();
		if (initialPotential != 0f)
			java.util.Arrays.fill(population.potential(), initialPotential);
		if (integrated != null)
			java.util.Arrays.fill(integrated, 0f);
		if (ring != null)
			ring.reset();
		if (adaptive != null)
			adaptive.reset();
		if (payloadRule != null)
			payloadRule.reset();
	}
}
