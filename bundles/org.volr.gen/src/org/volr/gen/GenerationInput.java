package org.volr.gen;

import java.util.Map;

import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.CannotSpikeException;
import org.volr.net.SpikingLayers;

/**
 * Everything a generator works from: the converted network as written (the EMF model and its converted weight
 * store), as resolved (layers, shapes, windows and weight keys computed once, what generators read layers from)
 * and its spiking layers (the layers Volr's simulator runs, by the same rule, {@link SpikingLayers}); how it runs
 * ({@link RunSettings}: steps, dt, input encoding, neuron, delay); the target's options from the experiment's
 * {@code targets} clause or the command line; optionally samples to ship.
 */
public final class GenerationInput {
	private final String source, experiment;
	private final Network model;
	private final WeightStore weights;
	private final RunSettings run;
	private final Map<String, String> options;
	private final SampleSet samples;
	private SpikingLayers spiking;
	private String spikingProblem;
	private ResolvedNetwork resolved;
	private String resolveProblem;

	/**
	 * @param source  the .volr file, named in generated headers
	 * @param samples may be null
	 */
	public GenerationInput(String source, String experiment, Network model, WeightStore weights, RunSettings run,
			Map<String, String> options, SampleSet samples) {
		this.source = source;
		this.experiment = experiment;
		this.model = model;
		this.weights = weights;
		this.run = run;
		this.options = Map.copyOf(options);
		this.samples = samples;
	}

	public String source() {
		return source;
	}

	public String experiment() {
		return experiment;
	}

	public Network model() {
		return model;
	}

	public WeightStore weights() {
		return weights;
	}

	public RunSettings run() {
		return run;
	}

	public double dtMillis() {
		return run.dtMillis();
	}

	public Map<String, String> options() {
		return options;
	}

	public SampleSet samples() {
		return samples;
	}

	public String networkName() {
		return model.getName();
	}

	public String option(String key, String fallback) {
		return options.getOrDefault(key, fallback);
	}

	/** Why the network cannot spike (it does not resolve, needs a batch norm folded, lacks weights, ...), or null when it can. */
	public String spikingProblem() {
		findSpiking();
		return spikingProblem;
	}

	/** The layers a spiking target runs; throws IllegalArgumentException with the reason when the network cannot spike. */
	public SpikingLayers spiking() {
		findSpiking();
		if (spiking == null)
			throw new IllegalArgumentException(spikingProblem);
		return spiking;
	}

	/** Why the network cannot be resolved (it does not type-check, or holds references), or null when it can. */
	public String resolveProblem() {
		resolve();
		return resolveProblem;
	}

	/**
	 * The network resolved (layers, kinds, shapes, windows, weight keys), computed on first use; throws
	 * IllegalArgumentException with the reason when it cannot be resolved.
	 */
	public ResolvedNetwork resolved() {
		resolve();
		if (resolved == null)
			throw new IllegalArgumentException(resolveProblem);
		return resolved;
	}

	private void resolve() {
		if (resolved != null || resolveProblem != null)
			return;
		try {
			resolved = NetworkResolver.resolve(model);
		} catch (ResolveException e) {
			resolveProblem = e.getMessage();
		}
	}

	private void findSpiking() {
		if (spiking != null || spikingProblem != null)
			return;
		resolve();
		if (resolved == null) {
			spikingProblem = resolveProblem;
			return;
		}
		try {
			spiking = SpikingLayers.of(model, resolved, weights.names());
		} catch (CannotSpikeException e) {
			spikingProblem = e.getMessage();
		}
	}
}
