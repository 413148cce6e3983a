package org.volr.gen.nir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.ScriptLimits;
import org.volr.gen.TargetGenerator;
import org.volr.sim.NeuronSpec;

/**
 * NIR (HDF5 in nir.write's layout) as a code generation target; see {@link NirWriter} for the mapping of the layers
 * and {@link #neuron(NeuronSpec, double)} for the neuron (IF, LIF and CubaLIF experiments are all written).
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
		return neuron(input.simulation().neuron(), input.dtMillis());
	}

	/**
	 * The NIR neuron of a resolved Volr neuron, its time constants recovered from the per-step factors (τ = −dt/ln
	 * factor, then seconds): IF → IF(threshold); LIF → LIF(τ_m, threshold, v_rest); a neuron with a synaptic current
	 * (CubaLIF) → CubaLIF(τ_m, τ_s, threshold, v_rest, reset potential), written with r = τ_m and w_in = 1 (see
	 * {@link NirNeuron}).
	 */
	public static NirNeuron neuron(NeuronSpec n, double dtMillis) {
		if (n.isConductanceBased())
			throw new IllegalArgumentException("CobaLIF neurons: NIR has no conductance-based neuron (its nodes are IF, LIF, CubaLIF);"
					+ " use CubaLIF for this target");
		if (n.hasSynapticCurrent())
			return NirNeuron.cubaLif(seconds(timeConstantMillis(n.leak(), dtMillis)), seconds(timeConstantMillis(n.synapseDecay(), dtMillis)),
					n.threshold(), n.restPotential(), n.resetPotential());
		if (n.model().leaks())
			return NirNeuron.lif(seconds(timeConstantMillis(n.leak(), dtMillis)), n.threshold(), n.restPotential());
		return NirNeuron.ifNeuron(n.threshold());
	}

	/** "No leak": exp(−dt/τ) rounds to 1f for any dt up to 29 ms (the value the cross-simulator tests use too). */
	static final double NO_DECAY_MILLIS = 1e9;

	/**
	 * The time constant (ms) whose per-step factor exp(−dt/τ), rounded to float as {@link NeuronSpec#from} does, is
	 * {@code factor}; the shortest decimal that gives it, so that "tau_m 20 ms" comes back as 20 ms and not as
	 * 20.0000126 ms.
	 * <p>
	 * A factor of exactly 1f (no leak, or one slower than float can tell) becomes {@link #NO_DECAY_MILLIS} or dt·2^26,
	 * whichever is longer (so dt/τ ≤ 2^-26, half the largest dt/τ whose exp still rounds to 1f): finite, so NIR's
	 * r = τ_m stays finite, and long enough that Volr reads it back as factor 1f. A factor of 0f (τ below dt/104, all
	 * gone within one step) becomes dt/128, which reads back as 0f.
	 */
	static double timeConstantMillis(float factor, double dtMillis) {
		if (factor >= 1f)
			return Math.max(NO_DECAY_MILLIS, dtMillis * 0x1p26);
		if (factor <= 0f)
			return dtMillis / 128;
		double exact = -dtMillis / Math.log(factor);
		for (int digits = 1; digits <= 17; digits++) {
			double tau = new BigDecimal(exact).round(new MathContext(digits)).doubleValue();
			if ((float) Math.exp(-dtMillis / tau) == factor)
				return tau;
		}
		return exact;
	}

	/** Milliseconds to NIR's SI seconds, as the float that prints as the shortest decimal (0.02, not 0.019999999). */
	private static float seconds(double millis) {
		return (float) (millis / 1000);
	}

	@Override
	public List<String> validate(GenerationInput input) {
		List<String> problems = new ArrayList<>(ScriptLimits.volrOnlyOptions(input.simulation()));
		String reset = ScriptLimits.resetToValueOnly(input.simulation(), "NIR's neurons");
		if (reset != null)
			problems.add(reset);
		try { // the writer names the first layer NIR cannot express
			neuron(input);
			Path probe = Files.createTempFile("volr-nir-check", ".nir");
			try {
				NirWriter.write(input.resolved(), input.weights(), neuron(input), probe);
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
		NirWriter.write(input.resolved(), input.weights(), neuron(input), out);
		return new GeneratedFiles(List.of(out), List.of());
	}
}
