package org.volr.net.neuron;

import java.util.List;
import java.util.Map;

/**
 * A neuron model as a plug-in: its name as written in a {@code neuron} clause, its parameters (the validator,
 * completion and hover read them), the combinations of values it refuses, and its discretisation for a time step.
 * The continuous parameters stay as written (a map by name, base units, defaults filled in); generators that want
 * τ read it there, never back from a propagator. The simulator asks the model for its neurons' state and update,
 * {@link #population}, so a model with state of its own (an adaptive threshold, say) is one class and a population,
 * and the simulator does not change. Models are registered in {@link NeuronModels}.
 */
public interface NeuronModel {
	/** The name in .volr files: "IF", "LIF", ... */
	String name();

	/** Its parameters in the order documentation lists them. */
	Map<String, ParameterSpec> parameters();

	/** What is wrong with a full set of values (defaults filled in); empty when the model can simulate them. */
	default List<ParameterProblem> problems(Map<String, Double> values) {
		return List.of();
	}

	/**
	 * The constants per step for time step {@code dtMillis}, from a full set of values that has no
	 * {@link #problems}.
	 */
	Discretisation discretise(Map<String, Double> values, double dtMillis);

	/**
	 * The constants per step of forward Euler (SEMANTICS.md, "Discretisation"): each decay exp(−dt/τ) becomes 1 − dt/τ,
	 * as snnTorch and Norse step the models they import from NIR; refused for a model that has none, or when dt is not
	 * below a time constant (1 − dt/τ would not be a decay).
	 */
	default TargetMapping<Discretisation> euler(Map<String, Double> values, double dtMillis) {
		return new TargetMapping.Refused<>(name() + " neurons have no forward-Euler discretisation; use discretisation exact");
	}

	/** {@code size} neurons of this model at rest, discretised as {@code d}, as the simulator steps them. */
	Population population(Discretisation d, int size);

	/** Whether input reaches the membrane through a decaying synaptic current rather than as a jump. */
	default boolean hasSynapticCurrent() {
		return false;
	}

	/** Whether input opens conductances whose current depends on the membrane potential. */
	default boolean isConductanceBased() {
		return false;
	}

	/**
	 * Whether its neurons fire. A model that never does (the leaky integrator LI) is read by its membrane only: it
	 * cannot feed another layer, and the readout of an output layer of it is a membrane readout.
	 */
	default boolean spikes() {
		return true;
	}

	/** Whether the membrane leaks towards its resting potential. */
	default boolean leaks() {
		return true;
	}

	/**
	 * The neuron as a NIR node, from its continuous values (time constants as written, never recovered from a
	 * propagator) and its constants {@code d} at the run's time step {@code dtMillis}. Refused unless the model maps
	 * to NIR.
	 */
	default TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		return TargetMapping.none(this, "NIR");
	}

	/** The neuron as a PyNN standard cell (see {@link #nir} for the arguments); refused unless the model maps to PyNN. */
	default TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		return TargetMapping.none(this, "PyNN");
	}

	/**
	 * The constants per step that Volr's Brian2 script runs (it follows Volr's update step for step); refused unless
	 * the model maps to Brian2.
	 */
	default TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return TargetMapping.none(this, "Brian2");
	}

	/** The neuron as Loihi's CUBA neuron, as Lava runs it; refused unless the model maps to Lava. */
	default TargetMapping<LoihiNeuron> lava(Map<String, Double> values, Discretisation d, double dtMillis) {
		return TargetMapping.none(this, "Lava");
	}
}
