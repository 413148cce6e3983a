package org.volr.gen.nir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.TargetGenerator;
import org.volr.model.NeuronKind;
import org.volr.model.ResetMode;
import org.volr.sim.NeuronSpec;

/** NIR (HDF5 in nir.write's layout) as a code generation target; see {@link NirWriter} for the mapping. */
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
		NeuronSpec n = input.simulation().neuron();
		if (n.kind() == NeuronKind.LIF)
			return NirNeuron.lif((float) (-input.dtMillis() / Math.log(n.leak()) / 1000.0), n.threshold(), n.restPotential());
		return NirNeuron.ifNeuron(n.threshold());
	}

	@Override
	public List<String> validate(GenerationInput input) {
		List<String> problems = new ArrayList<>();
		if (input.simulation().neuron().kind() == NeuronKind.CUBA_LIF)
			problems.add("CubaLIF neurons are not written to NIR yet; use IF or LIF");
		if (!problems.isEmpty())
			return problems;
		try { // the writer names the first layer NIR cannot express
			Path probe = Files.createTempFile("volr-nir-check", ".nir");
			try {
				NirWriter.write(input.model(), input.weights(), neuron(input), probe);
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
		NirWriter.write(input.model(), input.weights(), neuron(input), out);
		List<String> notes = new ArrayList<>();
		if (input.simulation().neuron().reset() != ResetMode.ZERO)
			notes.add("NIR's neurons reset to zero; Volr's reset by " + input.simulation().neuron().reset().getLiteral() + " is not expressible in NIR");
		return new GeneratedFiles(List.of(out), notes);
	}
}
