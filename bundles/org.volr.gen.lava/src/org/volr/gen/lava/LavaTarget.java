package org.volr.gen.lava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.ScriptLimits;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetNeuron;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.NeuronModel;

/**
 * Loihi 2 through Lava: the network as a lava-dl netx file ({@code <network>.net}, HDF5), which
 * {@code netx.hdf5.Network(net_config=...)} turns into Lava processes. See {@link NetxNetwork} for the blocks and
 * {@link NetxWriter} for the file.
 * <p>
 * Every layer is scaled on its own (option {@code bits}, 2..8, default 8: Loihi 2's signed weight mantissa), so
 * that spiking depends on the same ratio of summed weights to threshold θ as in Volr ({@link Quantisation},
 * {@link CubaNeuron}):
 * <pre>
 *   V = min( floor(θ · (2^(bits−1) − 1) / max|w|),  131071,  floor(θ · 4095 / max|b|) ),   s = V / θ
 *   weight = rint(w · s),   bias = rint(b · s),   vThMant = V − 1 without leak (vDecay 0), else V
 *   iDecay = 4096,   vDecay = min(4095, rint(4096 · (1 − leak))),   refDelay = refractory steps + 1
 * </pre>
 * lava's neuron spikes when its potential exceeds vThMant (Volr's when it reaches θ), and weights, bias and
 * vThMant are in the same units there, so without a leak an integer potential exceeding V − 1 is exactly Volr's
 * potential reaching θ, up to the rounding of the weights, which the notes report per layer.
 */
public final class LavaTarget implements TargetGenerator {
	static final int DEFAULT_BITS = 8, MIN_BITS = 2, MAX_BITS = 8;

	@Override
	public String id() {
		return "lava";
	}

	@Override
	public String summary() {
		return "a lava-dl netx network (HDF5 .net) for Loihi 2, weights quantised per layer (option bits, 2..8, default 8)";
	}

	@Override
	public List<String> validate(GenerationInput input) {
		return check(input).problems();
	}

	@Override
	public GeneratedFiles generate(GenerationInput input, Path directory) throws IOException {
		Checked checked = check(input);
		if (!checked.problems().isEmpty())
			throw new IllegalArgumentException(String.join("; ", checked.problems()));
		Files.createDirectories(directory);
		Path out = directory.resolve(input.networkName() + ".net");
		NetxWriter.write(checked.network().blocks(), input.dtMillis(), input.run().steps(), out);
		return new GeneratedFiles(List.of(out), LavaNotes.of(input, checked.network(), checked.bits(), out));
	}

	/** The problems, and the blocks when there are none: validate and generate share one pass over the weights. */
	private record Checked(List<String> problems, NetxNetwork network, int bits) {
	}

	private static Checked check(GenerationInput input) {
		String unreadable = input.spikingProblem() != null ? input.spikingProblem() : input.resolveProblem();
		if (unreadable != null)
			return new Checked(List.of(unreadable), null, 0);
		List<String> problems = new ArrayList<>();
		String reset = ScriptLimits.resetToValueOnly(input.run(), "Loihi's neurons");
		if (reset != null)
			problems.add(reset);
		String option = input.option("bits", Integer.toString(DEFAULT_BITS));
		int bits = parseBits(option);
		if (bits < 0)
			problems.add("option bits must be a whole number from " + MIN_BITS + " to " + MAX_BITS
					+ " (Loihi 2's weights are signed mantissas of at most 8 bits), got '" + option + "'");
		problems.addAll(ScriptLimits.volrOnlyOptions(input.run()));
		problems.addAll(ScriptLimits.oneNeuronSpikeReadout(input, "Lava"));
		String recurrence = ScriptLimits.recurrence(input, "Loihi (netx)");
		if (recurrence != null)
			problems.add(recurrence);
		Discretisation n = input.run().neuron().discretised();
		String refused = TargetNeuron.refusal(input.run(), NeuronModel::lava);
		if (refused != null)
			problems.add(refused);
		if (!input.resolved().isChain()) {
			problems.add("parallel branches (| and +) are not written to netx; write the network as one chain for Loihi");
			return new Checked(problems, null, bits);
		}
		if (!(n.threshold() > 0)) {
			problems.add("the threshold must be positive (Loihi's threshold mantissa is unsigned), got " + n.threshold());
			return new Checked(problems, null, bits);
		}
		if (refused != null)
			return new Checked(problems, null, bits);
		// the layers are checked even when bits is wrong, so that one run names every problem
		NetxNetwork network = NetxNetwork.of(input, bits < 0 ? DEFAULT_BITS : bits);
		problems.addAll(network.problems());
		return new Checked(problems, network, bits);
	}

	/** The bits option, or −1 when it is not a whole number in range. */
	static int parseBits(String value) {
		try {
			int b = Integer.parseInt(value.strip());
			return b >= MIN_BITS && b <= MAX_BITS ? b : -1;
		} catch (NumberFormatException e) {
			return -1;
		}
	}
}
