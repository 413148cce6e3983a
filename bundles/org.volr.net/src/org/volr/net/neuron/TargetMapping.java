package org.volr.net.neuron;

/**
 * How a neuron model is written for one target (NIR, PyNN, Brian2, Lava): the target's own description of the
 * neuron, or why the target cannot express it. The model decides, so that a model added later is refused by every
 * target it does not map to, by name, without editing the targets.
 */
public sealed interface TargetMapping<T> {
	record Mapped<T>(T value) implements TargetMapping<T> {
	}

	record Refused<T>(String reason) implements TargetMapping<T> {
	}

	/** What a model that does not map to {@code target} answers. */
	static <T> TargetMapping<T> none(NeuronModel model, String target) {
		return new Refused<>(model.name() + " neurons have no " + target + " mapping");
	}
}
