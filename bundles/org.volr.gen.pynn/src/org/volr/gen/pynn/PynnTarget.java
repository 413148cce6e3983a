package org.volr.gen.pynn;

import static org.volr.gen.ScriptTemplate.num;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.volr.core.io.AtomicFiles;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.NetworkArrays;
import org.volr.gen.PerNeuronConstants;
import org.volr.gen.ScriptFiles;
import org.volr.gen.ScriptLimits;
import org.volr.gen.ScriptTemplate;
import org.volr.gen.RunSettings;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
import org.volr.net.NetLayer;
import org.volr.net.SpikingLayers;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.PynnCell;

/**
 * A PyNN script plus its numbers (.npz): populations of IF_curr_exp cells, one per layer, projections split into
 * excitatory and inhibitory, biases as offset currents, spike sources for Poisson input. Backend brian2 (default),
 * neuron, nest or spiNNaker (target option {@code backend}, or the script's {@code --backend}).
 */
public class PynnTarget implements TargetGenerator {
	/** Above this many synapses in list form a script gets slow to build on NEURON and large in memory. */
	static final long LARGE = 2_000_000;

	@Override
	public String id() {
		return "pynn";
	}

	@Override
	public String summary() {
		return "a PyNN 0.10 script (+ .npz) for brian2, neuron, nest or spiNNaker (option backend)";
	}

	/** The backend the script starts with. */
	protected String backend(GenerationInput input) {
		String b = input.option("backend", "brian2");
		return b.equalsIgnoreCase("spinnaker") ? "spiNNaker" : b; // the language writes it in lower case, PyNN's module does not
	}

	@Override
	public List<String> validate(GenerationInput input) {
		if (input.spikingProblem() != null)
			return List.of(input.spikingProblem());
		List<String> problems = new ArrayList<>();
		String backend = backend(input);
		if (!List.of("brian2", "neuron", "nest", "spiNNaker").contains(backend))
			problems.add("unknown PyNN backend '" + backend + "'; use brian2, neuron, nest or spiNNaker");
		String reset = ScriptLimits.resetToValueOnly(input.run(), "PyNN's cells");
		if (reset != null)
			problems.add(reset);
		for (NetLayer layer : input.spiking().layers())
			for (String p : layerProblems(input, layer, backend))
				if (!problems.contains(p))
					problems.add(p);
		ScriptLimits.check(input, "PyNN", ": PyNN's standard cells cannot pass on only the most active input; use average pooling",
				ScriptLimits.Writes.LAYER_NEURONS_AND_MEMBRANE, problems);
		return problems;
	}

	/** What PyNN's cells cannot do of one layer's neuron (its own, else the experiment's); the same words for every layer. */
	private static List<String> layerProblems(GenerationInput input, NetLayer layer, String backend) {
		RunSettings.Neuron neuron;
		try {
			neuron = input.run().neuronOf(layer);
		} catch (IllegalArgumentException e) { // a layer's own neuron that the run's discretisation refuses
			return List.of(e.getMessage());
		}
		List<String> problems = new ArrayList<>();
		String refused = TargetNeuron.refusal(neuron, input.dtMillis(), NeuronModel::pynn);
		if (refused != null)
			problems.add(refused);
		if (input.run().discretisation() == org.volr.model.DiscretisationKind.EULER && neuron.model().hasSynapticCurrent())
			problems.add(neuron.model().name() + " neurons under forward Euler (simulate { discretisation euler }) are simulated"
					+ " by Volr only: PyNN's cells integrate the synaptic current exactly; use discretisation exact for this target");
		Discretisation n = neuron.discretised();
		if (n.minPotential() != Float.NEGATIVE_INFINITY)
			problems.add("PyNN's cells have no lower clamp of the membrane (v_min); remove v_min for this target");
		if (backend.equals("neuron") && neuron.model().spikes() && n.refractorySteps() < 1)
			problems.add("pyNN.neuron cannot fire a cell in two consecutive steps; give the neuron a refractory period of"
					+ " one step (neuron " + neuron.model().name() + " { tau_refrac " + num(input.dtMillis()) + " ms }), which Volr simulates the same way");
		return problems;
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		ScriptFiles files = ScriptFiles.writeData(input, directory, id(), perNeuronCells(input));
		List<NetworkArrays.Layer> layers = files.layers();
		AtomicFiles.writeString(files.script(), script(input, layers, files.script().getFileName().toString(), files.data().getFileName().toString()));
		List<String> notes = new ArrayList<>();
		long listed = layers.stream().filter(l -> l.kind().equals("sparse")).mapToLong(NetworkArrays.Layer::synapses).sum();
		long total = layers.stream().mapToLong(NetworkArrays.Layer::synapses).sum();
		notes.add(String.format(Locale.ROOT, "%,d synapses, %,d of them in convolution/pooling lists (%.0f MB as PyNN connection lists)",
				total, listed, total * 32 / 1e6));
		if (total > LARGE)
			notes.add("warning: more than " + String.format(Locale.ROOT, "%,d", LARGE) + " synapses; PyNN builds them one list at a time"
					+ " (NEURON: expect minutes and several GB)");
		if (input.run().delay() != 2)
			notes.add("PyNN delivers a spike one step late (Volr's 'delay 2'); simulate with delay 2 for Volr's results to predict this script's");
		for (NetLayer layer : input.spiking().layers())
			for (String note : cell(input, layer).notes())
				if (!notes.contains(note))
					notes.add(note);
		notes.add(files.runNote(input));
		return files.generated(notes);
	}

	/** A layer's neuron (its own, else the experiment's) as its model writes it for PyNN (validate has refused one that does not map). */
	static PynnCell cell(GenerationInput input, NetLayer layer) {
		return TargetNeuron.require(input.run().neuronOf(layer), input.dtMillis(), NeuronModel::pynn);
	}

	/**
	 * The cell parameters of the layers whose weights give neuron parameters per neuron (SEMANTICS.md, "Per-neuron
	 * parameters"), neuron by neuron as each neuron's own values map to PyNN: {@code l<i>_pynn_tau_m}, {@code
	 * l<i>_pynn_v_rest} and, for cells with a synaptic current, {@code l<i>_pynn_tau_syn}. What they cannot be (firing
	 * parameters, CobaLIF) validate has refused.
	 */
	static Map<String, float[]> perNeuronCells(GenerationInput input) {
		Map<String, float[]> arrays = new LinkedHashMap<>();
		List<NetLayer> layers = input.spiking().layers();
		for (int i = 0; i < layers.size(); i++) {
			NetLayer layer = layers.get(i);
			Map<String, float[]> given = SpikingLayers.hasNeurons(layer) ? PerNeuronConstants.given(input, layer) : Map.of();
			if (given.isEmpty())
				continue;
			int n = layer.outSize();
			float[] tauM = new float[n], vRest = new float[n], tauSyn = new float[n];
			boolean synaptic = false;
			Map<Map<String, Double>, PynnCell> seen = new HashMap<>(); // neurons of equal values share one cell
			for (int j = 0; j < n; j++) {
				Map<String, Double> values = new HashMap<>();
				for (var p : given.entrySet())
					values.put(p.getKey(), (double) p.getValue()[j]);
				PynnCell c = seen.computeIfAbsent(values,
						v -> TargetNeuron.require(input.run().neuronOf(layer, v), input.dtMillis(), NeuronModel::pynn));
				tauM[j] = (float) c.tauM();
				vRest[j] = (float) c.vRest();
				synaptic = c.tauSyn() != null;
				tauSyn[j] = synaptic ? c.tauSyn().floatValue() : 0f;
			}
			arrays.put("l" + i + "_pynn_tau_m", tauM);
			arrays.put("l" + i + "_pynn_v_rest", vRest);
			if (synaptic)
				arrays.put("l" + i + "_pynn_tau_syn", tauSyn);
		}
		return arrays;
	}

	/**
	 * A recurrent layer's projection onto itself (its l<i>_rec [from, to], see NetworkArrays) with PyNN's one-step delay,
	 * as every projection here: a spike of step t is felt at t + 2, Volr's delay 2 for every projection and
	 * max(1, 2) = 2 for the layer's own (SEMANTICS.md, "Recurrent layers"). Written only for a network with one, so
	 * the scripts of feed-forward networks stay as they were.
	 */
	private static final String RECURRENT_PROJECTIONS = """
			    for index in range(len(LAYERS)):  # recurrent layers: their own spikes, delayed as every projection's
			        if "l%d_rec" % index in data:
			            w = data["l%d_rec" % index]
			            i, j = np.nonzero(w)
			            synapse_count += project(sim, populations[index], populations[index], i, j, w[i, j], scales[index])
			""";

	String script(GenerationInput input, List<NetworkArrays.Layer> layers, String scriptName, String dataName) {
		return ScriptTemplate.load(PynnTarget.class, "pynn_script.py.template")
				.setRun(input, layers, scriptName, dataName)
				.set("CM", "1.0")
				.set("NEURONS", neurons(input))
				.set("READOUT", input.run().readout().getLiteral())
				.set("NEURONS_PER_CORE", input.option("neurons_per_core", "None")).set("BACKEND", backend(input))
				.set("RECURRENT_PROJECTIONS", input.spiking().delayed().isEmpty() ? "" : RECURRENT_PROJECTIONS)
				.render();
	}

	/**
	 * The NEURONS list: per layer its cell (its own neuron, else the experiment's) in PyNN's terms; a cell that never
	 * fires (LI) has the threshold None, tau_syn None means Volr's jump synapse. Also Volr's per-step leak and gains of
	 * the neuron, from which the script scales weights and currents so that each backend's step brings the membrane
	 * what Volr's does.
	 */
	private static String neurons(GenerationInput input) {
		StringBuilder b = new StringBuilder();
		for (NetLayer layer : input.spiking().layers()) {
			PynnCell c = cell(input, layer);
			Discretisation d = input.run().neuronOf(layer).discretised();
			b.append("    dict(cell_type=").append(ScriptTemplate.str(c.cellType())).append(", v_rest=").append(num(c.vRest()))
					.append(", v_reset=").append(num(c.vReset())).append(", v_thresh=").append(Double.isInfinite(c.vThresh()) ? "None" : num(c.vThresh()))
					.append(", tau_m=").append(num(c.tauM())).append(", refractory_steps=").append(c.refractorySteps())
					.append(", tau_syn=").append(c.tauSyn() == null ? "None" : num(c.tauSyn()))
					.append(", conductance=").append(ScriptTemplate.conductance(c.conductance()))
					.append(", v_init=").append(num(input.run().initialPotentialOf(layer)))
					.append(", leak=").append(num(d.leak())).append(", syn_gain=").append(num(d.synapseGain()))
					.append(", current_gain=").append(num(d.currentGain()))
					.append("),  # ").append(layer.key()).append(": ").append(input.run().neuronOf(layer).model().name()).append('\n');
		}
		return b.toString().stripTrailing();
	}
}
