package org.volr.gen.nir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.ScriptLimits;
import org.volr.gen.RunSettings;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
import org.volr.net.NetLayer;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NirNode;

/**
 * NIR (HDF5 in nir.write's layout) as a code generation target; see {@link NirWriter} for the mapping of the layers
 * and {@link #neuron(RunSettings.Neuron, double)} for the neuron (IF, LIF and CubaLIF experiments are all written).
 */
public final class NirTarget implements TargetGenerator {
	@Override
	public String id() {
		return "nir";
	}

	@Override
	public String summary() {
		return "a NIR graph (HDF5, the layout nir.write produces) for SpiNNaker 2, Loihi, Speck, Xylo, ...";
	}

	static NirNeuron neuron(GenerationInput input) {
		return neuron(input.run().neuron(), time(input));
	}

	/** The run's step and discretisation, for which the neurons' input gains are written. */
	static NirTime time(GenerationInput input) {
		return NirTime.ofMillis(input.dtMillis(), input.run().discretisation());
	}

	/**
	 * The NIR neuron of a Volr neuron, as its model maps it ({@link NeuronModel#nir}: IF → IF(threshold); LIF →
	 * LIF(τ_m, threshold, v_rest); CubaLIF → CubaLIF(τ_m, τ_s, threshold, v_rest, reset potential); LI → LI(τ_m,
	 * v_rest)), with the r that makes the node's input gain at the run's step 1 (SEMANTICS.md, "Time in NIR graphs"), so
	 * that {@link NirReader} reads it back for that step as the same neuron with the same weights: IF r = 1 (NIR's IF
	 * has no time constant; every tool steps it as v ← v + r·I); LIF and LI r = 1/(dt/τ) under Euler, 1/(1 − e^(−dt/τ))
	 * exactly; CubaLIF r = τ_mem/dt with w_in = 1. Throws IllegalArgumentException with the model's reason when it has
	 * no NIR node.
	 */
	public static NirNeuron neuron(RunSettings.Neuron n, NirTime time) {
		NirNode node = TargetNeuron.require(n, time.dtMillis(), NeuronModel::nir);
		NirNeuron.Kind kind = java.util.Arrays.stream(NirNeuron.Kind.values()).filter(k -> k.nirType().equals(node.type())).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("NIR node type " + node.type() + " is not written by Volr"));
		float r = kind == NirNeuron.Kind.IF ? node.r() : time.unitGainR(kind, node.tau());
		return new NirNeuron(kind, node.threshold(), r, node.tau(), node.vLeak(), node.tauSyn(), node.vReset());
	}

	/** The NIR neurons of the layers with a neuron of their own, by weight key; refused as the run's neuron would be. */
	static Map<String, NirNeuron> layerNeurons(GenerationInput input) {
		Map<String, NirNeuron> own = new HashMap<>();
		for (NetLayer layer : input.resolved().layers())
			if (layer.neuron() != null)
				own.put(layer.key(), neuron(input.run().neuronOf(layer), time(input)));
		return own;
	}

	@Override
	public List<String> validate(GenerationInput input) {
		List<String> problems = new ArrayList<>(ScriptLimits.volrOnlyOptions(input.run()));
		// per-neuron parameters (<key>.tau_m, ...) are written as NIR's per-neuron arrays; the writer refuses the others by name
		String reset = ScriptLimits.resetToValueOnly(input.run(), "NIR's neurons");
		if (reset != null)
			problems.add(reset);
		try { // the writer names the first layer NIR cannot express
			neuron(input);
			Path probe = Files.createTempFile("volr-nir-check", ".nir");
			try {
				NirWriter.write(input.resolved(), input.weights(), neuron(input), layerNeurons(input), time(input), probe);
			} finally {
				Files.deleteIfExists(probe);
			}
		} catch (IllegalArgumentException e) {
			problems.add(e.getMessage());
		} catch (IOException e) {
			problems.add("cannot write a temporary file to check the network: " + e.getMessage());
		}
		return problems;
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		Files.createDirectories(directory);
		Path out = directory.resolve(input.networkName() + ".nir");
		NirWriter.write(input.resolved(), input.weights(), neuron(input), layerNeurons(input), time(input), out);
		return new GeneratedFiles(List.of(out), List.of());
	}
}
