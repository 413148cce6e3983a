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
import org.volr.gen.NetworkArrays;
import org.volr.gen.ScriptFiles;
import org.volr.gen.ScriptLimits;
import org.volr.gen.ScriptTemplate;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
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
		String refused = TargetNeuron.refusal(input.run(), NeuronModel::brian2);
		if (refused != null)
			problems.add(refused);
		ScriptLimits.check(input, "Brian2", ", which is not generated for Brian2 yet; use average pooling", problems);
		String recurrence = ScriptLimits.recurrence(input, "Brian2");
		if (recurrence != null)
			problems.add(recurrence);
		return problems;
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		ScriptFiles files = ScriptFiles.writeData(input, directory, id());
		List<NetworkArrays.Layer> layers = files.layers();
		Discretisation n = TargetNeuron.require(input.run(), NeuronModel::brian2);
		String text = ScriptTemplate.load(Brian2Target.class, "brian2_script.py.template")
				.setRun(input, layers, files.script().getFileName(), files.data().getFileName())
				.set("DELAY", input.run().delay())
				.set("THRESHOLD", num(n.threshold())).set("RESET", input.run().neuron().reset().getLiteral()).set("V_RESET", num(n.resetPotential()))
				.set("V_REST", num(n.restPotential())).set("LEAK", num(n.leak()))
				.set("SYN_DECAY", num(n.synapseDecay())).set("SYN_GAIN", num(n.synapseGain())).set("CURRENT_GAIN", num(n.currentGain())).set("REFRACTORY", n.refractorySteps())
				.set("CONDUCTANCE", ScriptTemplate.conductance(n.conductance()))
				.set("V_MIN", n.minPotential() == Float.NEGATIVE_INFINITY ? "None" : num(n.minPotential()))
				.set("DEVICE", device(input))
				.render();
		AtomicFiles.writeString(files.script(), text);
		long total = layers.stream().mapToLong(NetworkArrays.Layer::synapses).sum();
		List<String> notes = new ArrayList<>();
		notes.add(String.format(Locale.ROOT, "%,d synapses; all samples run in one Brian2 run of %d-step windows", total,
				input.run().steps() + input.run().delay()));
		notes.add(files.runNote(input));
		return files.generated(notes);
	}
}
