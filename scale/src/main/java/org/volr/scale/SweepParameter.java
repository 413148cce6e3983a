package org.volr.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.model.Conversion;
import org.volr.model.Experiment;
import org.volr.model.NeuronModel;
import org.volr.model.Normalization;
import org.volr.model.Parameter;
import org.volr.model.Quantity;
import org.volr.model.Simulation;
import org.volr.model.VolrFactory;
import org.volr.lang.api.SweepAxes;
import org.volr.net.neuron.NeuronModels;

/**
 * What a grid of {@code volr sweep} may vary, each with the values it takes and how a grid point writes it into the
 * experiment (on a copy of the model a task loaded for itself): the normalisation percentile, the number of steps,
 * and any parameter of the experiment's neuron model. The one place that knows what a grid name means.
 */
sealed interface SweepParameter {
	String name();

	/** Null when the value is one this parameter takes in this experiment, else what it takes (the language's SweepAxes decide). */
	default String problem(Experiment experiment, double value) {
		return SweepAxes.problem(experiment, name(), value);
	}

	/** Writes the value into the experiment, as the clause it belongs to would say it. */
	void apply(Experiment experiment, double value);

	/** The clause with this value, as it would be pasted into the experiment (its other options kept as they are). */
	String written(Experiment experiment, double value);

	/** {@code convert { normalize percentile P }}: the activation percentile each layer's weights are scaled by. */
	record Percentile() implements SweepParameter {
		public String name() {
			return SweepAxes.PERCENTILE;
		}

		public void apply(Experiment experiment, double value) {
			Conversion c = experiment.getConversion();
			if (c == null)
				experiment.setConversion(c = VolrFactory.eINSTANCE.createConversion());
			c.setNormalization(Normalization.PERCENTILE);
			c.setPercentile(value);
		}

		public String written(Experiment experiment, double value) {
			return "convert { normalize percentile " + number(value) + " }";
		}
	}

	/** {@code simulate { duration N steps }}. */
	record Steps() implements SweepParameter {
		public String name() {
			return SweepAxes.STEPS;
		}

		public void apply(Experiment experiment, double value) {
			Simulation s = experiment.getSimulation();
			if (s == null)
				experiment.setSimulation(s = VolrFactory.eINSTANCE.createSimulation());
			Quantity q = VolrFactory.eINSTANCE.createQuantity();
			q.setValue(value);
			q.setUnit("steps");
			s.setDuration(q);
		}

		public String written(Experiment experiment, double value) {
			return "simulate { duration " + number(value) + " steps }";
		}
	}

	/**
	 * A parameter of the experiment's neuron model ({@code neuron IF { v_thresh 0.8 }}), in the unit the experiment
	 * writes it in, or as a plain number (the model's base unit) when it does not write it. The model itself refuses
	 * values it cannot simulate, which fails that grid point only.
	 */
	record NeuronParameter(String name) implements SweepParameter {
		public void apply(Experiment experiment, double value) {
			NeuronModel neuron = experiment.getNeuron();
			if (neuron == null) {
				experiment.setNeuron(neuron = VolrFactory.eINSTANCE.createNeuronModel());
				neuron.setKind(NeuronModels.IF.name());
			}
			Parameter p = neuron.getParams().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
			if (p == null) {
				p = VolrFactory.eINSTANCE.createParameter();
				p.setName(name);
				p.setValue(VolrFactory.eINSTANCE.createQuantity());
				neuron.getParams().add(p);
			}
			p.getValue().setValue(value);
		}

		public String written(Experiment experiment, double value) {
			String unit = unitOf(experiment);
			return "neuron " + modelName(experiment) + " { " + name + " " + number(value) + (unit == null ? "" : " " + unit) + " }";
		}

		private String unitOf(Experiment experiment) {
			if (experiment.getNeuron() != null)
				for (Parameter p : experiment.getNeuron().getParams())
					if (p.getName().equals(name))
						return p.getValue().getUnit();
			return null;
		}
	}

	/** The parameter of that name for this experiment, or null. */
	static SweepParameter named(String name, Experiment experiment) {
		for (SweepParameter p : allowed(experiment))
			if (p.name().equals(name))
				return p;
		return null;
	}

	/** Every parameter a grid may name for this experiment, as the language's SweepAxes list them: percentile, steps, its neuron model's. */
	static List<SweepParameter> allowed(Experiment experiment) {
		List<SweepParameter> all = new ArrayList<>();
		for (String name : SweepAxes.allowed(experiment))
			all.add(name.equals(SweepAxes.PERCENTILE) ? new Percentile() : name.equals(SweepAxes.STEPS) ? new Steps() : new NeuronParameter(name));
		return all;
	}

	private static String modelName(Experiment experiment) {
		return experiment.getNeuron() == null ? NeuronModels.IF.name() : experiment.getNeuron().getKind();
	}

	/** A value as .volr text writes it: 50, not 50.0; 99.9 as 99.9. */
	static String number(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
				: String.format(Locale.ROOT, "%s", Double.toString(value));
	}
}
