package org.volr.gen;

import java.util.List;
import java.util.Map;

import org.volr.model.DiscretisationKind;
import org.volr.model.InitialPotential;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.net.NetLayer;
import org.volr.net.neuron.LayerNeuron;
import org.volr.net.neuron.TargetMapping;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;

/**
 * How the experiment runs, in terms no simulator owns: steps of {@code dtMillis}, how the input drives the first
 * layer (a Poisson input spikes with probability x·{@code poissonProbabilityPerStep} per step, drawn from
 * {@code seed} as Volr draws it), the synaptic delay in steps, the neuron, and the options only Volr simulates that
 * the experiment uses (which targets refuse by name), and how the class of a sample is read out (a target that reads
 * spike counts refuses a membrane readout), how the neurons' equations are discretised and where the membranes start (SEMANTICS.md). A layer's own neuron is read off its {@link NetLayer}: {@link #neuronOf}.
 */
public record RunSettings(int steps, double dtMillis, Input input, double poissonProbabilityPerStep, long seed, int delay, Neuron neuron,
		List<VolrOnlyOption> volrOnly, Readout readout, DiscretisationKind discretisation, InitialPotential initialPotential) {

	public enum Input {
		/** the analog values are a constant input current */
		CONSTANT,
		/** each value x spikes with probability x · rate · dt per step */
		POISSON,
		/** recorded events (DVS), binned into steps of dt */
		EVENTS,
		/** spike trains given step by step in the data */
		SPIKES
	}

	/**
	 * The neuron of every population: its model (which decides how each target writes it), its continuous values as
	 * written (base units, defaults filled in), how it resets, and its constants at dt.
	 */
	public record Neuron(NeuronModel model, Map<String, Double> values, ResetMode reset, Discretisation discretised) {
		public Neuron {
			values = Map.copyOf(values);
		}
	}

	/** An option of Volr's simulator (the INIsim ones, the adaptive threshold) as written, e.g. "bias relaxation (simulate { bias_relaxation })". */
	public record VolrOnlyOption(String written, boolean plural) {
		/** Why a target refuses it. */
		public String refusal() {
			return written + (plural ? " are" : " is") + " simulated by Volr only; remove it for this target";
		}
	}

	public RunSettings {
		volrOnly = List.copyOf(volrOnly);
		if (readout == null)
			readout = Readout.SPIKES;
		if (discretisation == null)
			discretisation = DiscretisationKind.EXACT;
		if (initialPotential == null)
			initialPotential = InitialPotential.ZERO;
	}

	/**
	 * Where the membranes of a layer start each sample (SEMANTICS.md, "Initial potential"): half its neuron's threshold
	 * under {@code init half} for neurons that fire, else 0 (a leaky integrator has no threshold).
	 */
	public float initialPotentialOf(NetLayer layer) {
		if (initialPotential != InitialPotential.HALF)
			return 0f;
		Neuron n = neuronOf(layer);
		return n.model().spikes() ? n.discretised().threshold() / 2 : 0f;
	}

	/** Why a target whose neurons cannot start anywhere but at rest (NIR has no initial state) refuses the run; null when it need not. */
	public String initialPotentialRefusal() {
		return initialPotential == InitialPotential.HALF
				? new VolrOnlyOption("the initial membrane potential of half the threshold (convert { init half })", false).refusal()
				: null;
	}

	/** The neuron of a layer: its own (written after it, with the run's reset, at dt), else the run's. */
	public Neuron neuronOf(NetLayer layer) {
		LayerNeuron own = layer.neuron();
		if (own == null)
			return neuron;
		return new Neuron(own.model(), own.values(), neuron.reset(), discretise(own.model(), own.values()));
	}

	/**
	 * The neuron of a layer with some of its values replaced, as the weights give them for one of its neurons
	 * (SEMANTICS.md, "Per-neuron parameters"), discretised as the run's.
	 */
	public Neuron neuronOf(NetLayer layer, Map<String, Double> replaced) {
		Neuron base = neuronOf(layer);
		if (replaced.isEmpty())
			return base;
		Map<String, Double> values = new java.util.HashMap<>(base.values());
		values.putAll(replaced);
		return new Neuron(base.model(), values, base.reset(), discretise(base.model(), values));
	}

	private Discretisation discretise(NeuronModel model, Map<String, Double> values) {
		return switch (discretisation) {
		case EXACT -> model.discretise(values, dtMillis);
		case EULER -> switch (model.euler(values, dtMillis)) {
			case TargetMapping.Mapped<Discretisation> m -> m.value();
			case TargetMapping.Refused<Discretisation> r -> throw new IllegalArgumentException(r.reason());
			};
		};
	}
}
