package org.volr.gen;

import java.util.Map;

import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SpikingNetwork;

/**
 * Everything a generator works from: the converted network as written (the EMF model and its converted weight
 * store), as resolved (layers, shapes, windows and weight keys computed once, what generators read layers from)
 * and, for targets that want it, as lowered for simulation (the same layer plans Volr's simulator runs, so those
 * targets inherit one semantics); the simulation settings (steps, dt, input encoding, neuron, delay); the
 * target's options from the experiment's {@code targets} clause or the command line; optionally samples to ship.
 */
public final class GenerationInput {
	private final String source, experiment;
	private final Network model;
	private final WeightStore weights;
	private final SimulationConfig simulation;
	private final double dtMillis;
	private final Map<String, String> options;
	private final SampleSet samples;
	private SpikingNetwork lowered;
	private String loweringProblem;
	private ResolvedNetwork resolved;
	private String resolveProblem;

	/**
	 * @param source  the .volr file, named in generated headers
	 * @param samples may be null
	 */
	public GenerationInput(String source, String experiment, Network model, WeightStore weights, SimulationConfig simulation,
			double dtMillis, Map<String, String> options, SampleSet samples) {
		this.source = source;
		this.experiment = experiment;
		this.model = model;
		this.weights = weights;
		this.simulation = simulation;
		this.dtMillis = dtMillis;
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

	public SimulationConfig simulation() {
		return simulation;
	}

	public double dtMillis() {
		return dtMillis;
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

	/** Why the network cannot be lowered to layer plans (for example parallel branches), or null when it can. */
	public String loweringProblem() {
		lower();
		return loweringProblem;
	}

	/** The network as the simulator runs it; throws IllegalArgumentException with the reason when it cannot be lowered. */
	public SpikingNetwork network() {
		lower();
		if (lowered == null)
			throw new IllegalArgumentException(loweringProblem);
		return lowered;
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

	private void lower() {
		if (lowered != null || loweringProblem != null)
			return;
		resolve();
		if (resolved == null) {
			loweringProblem = resolveProblem;
			return;
		}
		try {
			lowered = SpikingNetwork.lower(model, resolved, weights);
		} catch (LoweringException e) {
			loweringProblem = e.getMessage();
		}
	}
}
