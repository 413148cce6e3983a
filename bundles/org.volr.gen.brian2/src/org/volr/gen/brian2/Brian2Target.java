package org.volr.gen.brian2;

import static org.volr.gen.ScriptTemplate.num;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.core.io.AtomicFiles;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.RunSettings;
import org.volr.gen.NetworkArrays;
import org.volr.gen.ScriptFiles;
import org.volr.gen.ScriptLimits;
import org.volr.gen.ScriptTemplate;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
import org.volr.net.NetLayer;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;

/**
 * A Brian2 script plus its numbers (.npz) that follows Volr's semantics step for step (NeuronGroups updated by a
 * run_regularly operation, Synapses adding to the next layer's input, one chained schedule), for the runtime
 * device or {@code cpp_standalone} (the flag {@code brian2(standalone)}, option {@code device}, or the script's {@code --device}).
 */
public final class Brian2Target implements TargetGenerator {
	@Override
	public String id() {
		return "brian2";
	}

	@Override
	public String summary() {
		return "a Brian2 script (+ .npz) with Volr's exact semantics, runtime or cpp_standalone (option device)";
	}

	/** The language writes the device as a flag (brian2(standalone)); the command line as --option device=... */
	static String device(GenerationInput input) {
		return input.options().containsKey("standalone") ? "cpp_standalone" : input.option("device", "runtime");
	}

	@Override
	public List<String> validate(GenerationInput input) {
		if (input.spikingProblem() != null)
			return List.of(input.spikingProblem());
		List<String> problems = new ArrayList<>();
		String device = device(input);
		if (!device.equals("runtime") && !device.equals("cpp_standalone"))
			problems.add("unknown Brian2 device '" + device + "'; use runtime or cpp_standalone");
		for (NetLayer layer : input.spiking().layers()) {
			String refused;
			try {
				refused = TargetNeuron.refusal(input.run().neuronOf(layer), input.run().dtMillis(), NeuronModel::brian2);
			} catch (IllegalArgumentException e) { // a layer's own neuron that the run's discretisation refuses
				refused = e.getMessage();
			}
			if (refused != null && !problems.contains(refused))
				problems.add(refused);
		}
		ScriptLimits.check(input, "Brian2", ", which is not generated for Brian2 yet; use average pooling", ScriptLimits.Writes.LAYER_NEURONS_AND_MEMBRANE,
				problems);
		return problems;
	}

	/**
	 * A recurrent layer's synapses onto itself (its l<i>_rec [from, to], see NetworkArrays), for a network with one
	 * only, so that the scripts of feed-forward networks stay as they were. They run in the layer's slot before its
	 * update and after its other synapses, while the group's spikes of the step before are still its last ones: a
	 * spike of step t is pushed at t + 1 and, with DELAY_STEPS − 1 more steps of delay, arrives at t + max(1,
	 * DELAY_STEPS) (SEMANTICS.md, "Recurrent layers"). Spikes arriving at a window's first step are the last sample's
	 * and are dropped.
	 */
	private static final String RECURRENT_SYNAPSES = """
			    fresh = "int((t_in_timesteps % window) != 0)"
			    for index in range(len(LAYERS)):  # recurrent layers: their own spikes, max(1, DELAY_STEPS) steps later
			        if "l%d_rec" % index not in data:
			            continue
			        w = data["l%d_rec" % index]
			        conductance = NEURONS[index]["conductance"]
			        i, j = np.nonzero(w)
			        w = np.asarray(w[i, j], dtype=np.float32)
			        if conductance:
			            s = b2.Synapses(groups[index], groups[index], "we : 1\\nwi : 1", name="recurrent%d" % index,
			                            on_pre="inp_post += we * %s\\ninp_i_post += wi * %s" % (fresh, fresh))
			            s.connect(i=np.asarray(i, dtype=np.int32), j=np.asarray(j, dtype=np.int32))
			            s.we = np.where(w > 0, w * f32(conductance[2]), f32(0))
			            s.wi = np.where(w < 0, -w * f32(conductance[3]), f32(0))
			        else:
			            s = b2.Synapses(groups[index], groups[index], "w : 1", on_pre="inp_post += w * %s" % fresh,
			                            name="recurrent%d" % index)
			            s.connect(i=np.asarray(i, dtype=np.int32), j=np.asarray(j, dtype=np.int32))
			            s.w = w
			        s.delay = max(DELAY_STEPS - 1, 0) * DT * b2.ms
			        s.pre.when = "thresholds"
			        s.pre.order = 10 * index - 6
			        synapse_count += len(w)
			        objects.append(s)
			""";

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		ScriptFiles files = ScriptFiles.writeData(input, directory, id());
		List<NetworkArrays.Layer> layers = files.layers();
		String text = ScriptTemplate.load(Brian2Target.class, "brian2_script.py.template")
				.setRun(input, layers, files.script().getFileName(), files.data().getFileName())
				.set("DELAY", input.run().delay())
				.set("RESET", input.run().neuron().reset().getLiteral())
				.set("NEURONS", neurons(input))
				.set("READOUT", input.run().readout().getLiteral())
				.set("DEVICE", device(input))
				.set("RECURRENT_SYNAPSES", input.spiking().delayed().isEmpty() ? "" : RECURRENT_SYNAPSES)
				.render();
		AtomicFiles.writeString(files.script(), text);
		long total = layers.stream().mapToLong(NetworkArrays.Layer::synapses).sum();
		List<String> notes = new ArrayList<>();
		notes.add(String.format(Locale.ROOT, "%,d synapses; all samples run in one Brian2 run of %d-step windows", total,
				input.run().steps() + input.run().delay()));
		notes.add(files.runNote(input));
		return files.generated(notes);
	}

	/**
	 * The NEURONS list: per layer the constants of its neuron (its own, else the experiment's) as one step of Volr's
	 * update uses them; a neuron that never fires (LI) has the threshold None.
	 */
	private static String neurons(GenerationInput input) {
		StringBuilder b = new StringBuilder();
		for (NetLayer layer : input.spiking().layers()) {
			RunSettings.Neuron neuron = input.run().neuronOf(layer);
			Discretisation n = TargetNeuron.require(neuron, input.run().dtMillis(), NeuronModel::brian2);
			b.append("    dict(threshold=").append(Float.isInfinite(n.threshold()) ? "None" : num(n.threshold()))
					.append(", v_reset=").append(num(n.resetPotential())).append(", v_rest=").append(num(n.restPotential()))
					.append(", leak=").append(num(n.leak())).append(", syn_decay=").append(num(n.synapseDecay()))
					.append(", syn_gain=").append(num(n.synapseGain())).append(", current_gain=").append(num(n.currentGain()))
					.append(", refractory_steps=").append(n.refractorySteps())
					.append(", conductance=").append(ScriptTemplate.conductance(n.conductance()))
					.append(", v_min=").append(n.minPotential() == Float.NEGATIVE_INFINITY ? "None" : num(n.minPotential()))
					.append(", v_init=").append(num(input.run().initialPotentialOf(layer)))
					.append("),  # ").append(layer.key()).append(": ").append(neuron.model().name()).append('\n');
		}
		return b.toString().stripTrailing();
	}
}
