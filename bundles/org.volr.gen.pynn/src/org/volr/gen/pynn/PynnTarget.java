package org.volr.gen.pynn;

import static org.volr.gen.ScriptTemplate.num;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.core.io.AtomicFiles;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.NetworkArrays;
import org.volr.gen.ScriptFiles;
import org.volr.gen.ScriptLimits;
import org.volr.gen.ScriptTemplate;
import org.volr.gen.RunSettings;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
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
		Discretisation n = input.run().neuron().discretised();
		String reset = ScriptLimits.resetToValueOnly(input.run(), "PyNN's cells");
		if (reset != null)
			problems.add(reset);
		String refused = TargetNeuron.refusal(input.run(), NeuronModel::pynn);
		if (refused != null)
			problems.add(refused);
		if (input.run().discretisation() == org.volr.model.DiscretisationKind.EULER && input.run().neuron().model().hasSynapticCurrent())
			problems.add(input.run().neuron().model().name() + " neurons under forward Euler (simulate { discretisation euler }) are simulated"
					+ " by Volr only: PyNN's cells integrate the synaptic current exactly; use discretisation exact for this target");
		if (n.minPotential() != Float.NEGATIVE_INFINITY)
			problems.add("PyNN's cells have no lower clamp of the membrane (v_min); remove v_min for this target");
		if (backend.equals("neuron") && n.refractorySteps() < 1)
			problems.add("pyNN.neuron cannot fire a cell in two consecutive steps; give the neuron a refractory period of"
					+ " one step (neuron IF { tau_refrac " + num(input.dtMillis()) + " ms }), which Volr simulates the same way");
		ScriptLimits.check(input, "PyNN", ": PyNN's standard cells cannot pass on only the most active input; use average pooling", problems);
		return problems;
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		ScriptFiles files = ScriptFiles.writeData(input, directory, id());
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
		notes.addAll(cell(input.run()).notes());
		notes.add(files.runNote(input));
		return files.generated(notes);
	}

	/** The run's neuron as its model writes it for PyNN (validate has refused a model that does not map). */
	static PynnCell cell(RunSettings run) {
		return TargetNeuron.require(run, NeuronModel::pynn);
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
			            synapse_count += project(sim, populations[index], populations[index], i, j, w[i, j], scales)
			""";

	String script(GenerationInput input, List<NetworkArrays.Layer> layers, String scriptName, String dataName) {
		PynnCell cell = cell(input.run());
		return ScriptTemplate.load(PynnTarget.class, "pynn_script.py.template")
				.setRun(input, layers, scriptName, dataName)
				.set("CM", "1.0").set("V_REST", num(cell.vRest())).set("V_RESET", num(cell.vReset()))
				.set("V_THRESH", num(cell.vThresh())).set("TAU_M", num(cell.tauM()))
				.set("REFRACTORY_STEPS", cell.refractorySteps())
				.set("DELTA_SYNAPSES", cell.tauSyn() == null ? "True" : "False")
				.set("TAU_SYN", cell.tauSyn() == null ? "DT / 20.0" : num(cell.tauSyn()))
				.set("CELL_TYPE", cell.cellType())
				.set("CONDUCTANCE", ScriptTemplate.conductance(cell.conductance()))
				.set("NEURONS_PER_CORE", input.option("neurons_per_core", "None")).set("BACKEND", backend(input))
				.set("RECURRENT_PROJECTIONS", input.spiking().delayed().isEmpty() ? "" : RECURRENT_PROJECTIONS)
				.render();
	}
}
