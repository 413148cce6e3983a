package org.volr.gen;

import java.util.Map;

import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.TargetMapping;

/**
 * Reads a target's mapping of the run's neuron off its model ({@code NeuronModel::pynn}, {@code NeuronModel::nir},
 * ...): the target's description of the neuron, or the model's refusal.
 */
public final class TargetNeuron {
	private TargetNeuron() {
	}

	/** One of NeuronModel's target mappings. */
	@FunctionalInterface
	public interface Mapping<T> {
		TargetMapping<T> of(NeuronModel model, Map<String, Double> values, Discretisation d, double dtMillis);
	}

	public static <T> TargetMapping<T> map(RunSettings run, Mapping<T> mapping) {
		return map(run.neuron(), run.dtMillis(), mapping);
	}

	public static <T> TargetMapping<T> map(RunSettings.Neuron n, double dtMillis, Mapping<T> mapping) {
		return mapping.of(n.model(), n.values(), n.discretised(), dtMillis);
	}

	/** The mapped description; throws IllegalArgumentException with the model's reason when it refuses the target. */
	public static <T> T require(RunSettings run, Mapping<T> mapping) {
		return require(run.neuron(), run.dtMillis(), mapping);
	}

	/** {@link #require(RunSettings, Mapping)} for a neuron at time step dtMillis. */
	public static <T> T require(RunSettings.Neuron n, double dtMillis, Mapping<T> mapping) {
		return switch (map(n, dtMillis, mapping)) {
		case TargetMapping.Mapped<T> m -> m.value();
		case TargetMapping.Refused<T> r -> throw new IllegalArgumentException(r.reason());
		};
	}

	/** Why the model refuses the target, or null when it maps to it. */
	public static <T> String refusal(RunSettings run, Mapping<T> mapping) {
		return refusal(run.neuron(), run.dtMillis(), mapping);
	}

	/** {@link #refusal(RunSettings, Mapping)} for a neuron at time step dtMillis (a layer's own, say). */
	public static <T> String refusal(RunSettings.Neuron n, double dtMillis, Mapping<T> mapping) {
		return map(n, dtMillis, mapping) instanceof TargetMapping.Refused<T> r ? r.reason() : null;
	}
}
