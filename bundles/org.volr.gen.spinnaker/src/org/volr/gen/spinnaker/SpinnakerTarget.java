package org.volr.gen.spinnaker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.NetworkArrays;
import org.volr.gen.pynn.PynnTarget;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.SpikingLayers;

/**
 * SpiNNaker 1 through sPyNNaker: the PyNN script (same semantics and files as the pynn target) with the board's
 * constraints checked and reported: a time step of 1 ms or 0.1 ms, at most 256 cells per ARM core, how many cores
 * the populations take, and the 16-bit fixed-point weights sPyNNaker makes of each layer (their resolution).
 */
public final class SpinnakerTarget extends PynnTarget {
	/** sPyNNaker's largest population slice per core for IF_curr_exp. */
	static final int MAX_PER_CORE = 256;
	/** Application cores of one SpiNN-5 board (48 chips × 16). */
	static final int BOARD_CORES = 48 * 16;

	@Override
	public String id() {
		return "spinnaker";
	}

	@Override
	public String summary() {
		return "an sPyNNaker script (PyNN on SpiNNaker 1) with its constraints checked: dt, cells per core, weight precision";
	}

	@Override
	protected String backend(GenerationInput input) {
		return "spiNNaker";
	}

	int neuronsPerCore(GenerationInput input) {
		try {
			return Integer.parseInt(input.option("neurons_per_core", Integer.toString(MAX_PER_CORE)));
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	@Override
	public List<String> validate(GenerationInput input) {
		List<String> problems = new ArrayList<>(super.validate(input));
		double dt = input.dtMillis();
		if (Math.abs(dt - 1.0) > 1e-9 && Math.abs(dt - 0.1) > 1e-9)
			problems.add("SpiNNaker runs with a time step of 1 ms (or 0.1 ms); the experiment's dt is " + dt + " ms");
		int perCore = neuronsPerCore(input);
		if (perCore < 1 || perCore > MAX_PER_CORE)
			problems.add("neurons_per_core must be a whole number from 1 to " + MAX_PER_CORE + ", got '" + input.option("neurons_per_core", "") + "'");
		return problems;
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		GeneratedFiles files = super.generate(input, directory);
		List<String> notes = new ArrayList<>(files.notes());
		int perCore = neuronsPerCore(input);
		long cores = 0;
		List<NetLayer> plans = input.spiking().layers();
		for (NetworkArrays.Layer l : NetworkArrays.layers(input))
			cores += (l.outSize() + perCore - 1) / perCore;
		notes.add(String.format(Locale.ROOT, "%d populations on %d cores at %d cells per core (one SpiNN-5 board has %d)", plans.size(), cores,
				perCore, BOARD_CORES));
		if (cores > BOARD_CORES)
			notes.add("warning: more cores than one SpiNN-5 board; the script needs a larger machine");
		for (NetLayer p : plans) {
			if (!SpikingLayers.hasNeurons(p))
				continue;
			float max = maxAbsWeight(input, p);
			// sPyNNaker scales each projection's weights into 16 bits, the largest to the top of the range
			notes.add(String.format(Locale.ROOT, "layer %s: 16-bit weights, resolution %.3g of a threshold (largest |w| %.3g)", p.key(),
					max / 32768.0, max));
		}
		return new GeneratedFiles(files.files(), notes);
	}

	private static float maxAbsWeight(GenerationInput input, NetLayer p) {
		float max = 0;
		if (p.kind() instanceof LayerKind.Dense) {
			for (float w : input.weights().get(p.weightKey()).data())
				max = Math.max(max, Math.abs(w));
		} else {
			for (float w : NetworkArrays.synapses(input, p).weight())
				max = Math.max(max, Math.abs(w));
		}
		return max;
	}
}
