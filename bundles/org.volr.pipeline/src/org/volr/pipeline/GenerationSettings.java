package org.volr.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.volr.gen.RunSettings;
import org.volr.gen.RunSettings.VolrOnlyOption;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.sim.InisimOptions;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;

/**
 * The simulator's settings as the code generators read them ({@link RunSettings}): the pipeline knows both, so the
 * generators need not know Volr's simulator.
 */
public final class GenerationSettings {
	private GenerationSettings() {
	}

	public static RunSettings of(SimulationConfig s, double dtMillis) {
		return new RunSettings(s.steps(), dtMillis, RunSettings.Input.valueOf(s.encoding().name()), s.poissonProbabilityPerStep(), s.seed(),
				s.delay(), neuron(s.neuron()), volrOnly(s), s.readout(), s.discretisation(), s.initialPotential());
	}

	/**
	 * The neuron with its model; a spec given by its per-step constants alone (no continuous values) gets the model's
	 * defaults as values, its constants stay its own.
	 */
	public static RunSettings.Neuron neuron(NeuronSpec n) {
		NeuronModel model = n.model();
		Map<String, Double> values = n.parameters().isEmpty() ? NeuronModels.values(model, Map.of()) : n.parameters();
		return new RunSettings.Neuron(model, values, n.reset(), n.discretisation());
	}

	/**
	 * The options of Volr's simulator the experiment uses that no generated script or exported network reproduces (the
	 * initial potential is not one: the scripts set it, RunSettings.initialPotentialRefusal for the targets that cannot).
	 */
	static List<VolrOnlyOption> volrOnly(SimulationConfig s) {
		List<VolrOnlyOption> used = new ArrayList<>();
		if (s.adaptiveThreshold())
			used.add(new VolrOnlyOption("the adaptive threshold (simulate { adaptive_threshold })", false));
		if (s.clamp() > 0)
			used.add(new VolrOnlyOption("layer clamping (simulate { clamp " + s.clamp() + " })", false));
		InisimOptions o = s.inisim();
		if (o.biasRelaxation())
			used.add(new VolrOnlyOption("bias relaxation (simulate { bias_relaxation })", false));
		if (o.payloads())
			used.add(new VolrOnlyOption("spikes with payloads (simulate { payloads })", true));
		if (o.clipAll() != null)
			used.add(new VolrOnlyOption("membrane clipping (simulate { clip [" + o.clipAll().low() + ", " + o.clipAll().high() + "] })", false));
		for (String layer : new TreeSet<>(o.layerClips().keySet()))
			used.add(new VolrOnlyOption("membrane clipping of layer '" + layer + "' (simulate { clip " + layer + " [...] })", false));
		for (String layer : new TreeSet<>(o.layerClamps().keySet()))
			used.add(new VolrOnlyOption("clamping layer '" + layer + "' (simulate { clamp " + layer + " " + o.layerClamps().get(layer) + " })",
					false));
		return used;
	}
}
