package org.volr.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.ann.AnnException;
import org.volr.ann.snn.SpikingNeurons;
import org.volr.ann.snn.SpikingTrainer;
import org.volr.ann.snn.SpikingTrainingResult;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.SpikeLoss;
import org.volr.model.Training;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.SpikingTraining;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;

/**
 * Spiking training in a run (train { spiking }): the trainer gets every layer's neurons and the steps exactly as the
 * simulator will run them (the run's SimulationConfig), so that the trained network is simulated with the same spikes.
 */
public final class SpikingTrainingStep {
	private SpikingTrainingStep() {
	}

	/** @param start the weights a fine-tune starts from (a converted network's), or null to start from random ones */
	static SpikingTrainingResult train(ExperimentSetup setup, ResolvedNetwork network, Training training, WeightStore start, Dataset train,
			Progress progress, PrintStream log) throws PipelineException {
		SpikingTrainer.Run run = run(setup, network, training);
		SpikingTrainingResult result;
		try {
			result = SpikingTrainer.train(network, training, run, train, start, progress);
		} catch (AnnException | IllegalArgumentException e) {
			throw new PipelineException(e.getMessage(), training);
		}
		// the rate only where it changes from epoch to epoch (a schedule), so that a constant-rate run prints as before
		boolean scheduled = training.isSetSchedule() && training.getSchedule() != org.volr.model.LearningRateSchedule.CONSTANT;
		for (int e = 0; e < result.epochLosses().length; e++)
			log.printf(Locale.ROOT, "  epoch %d: loss %.4f, training accuracy %.2f %%%s%n", e + 1, result.epochLosses()[e],
					100 * result.epochAccuracies()[e], scheduled ? String.format(Locale.ROOT, ", learning rate %.3g", result.epochRates()[e]) : "");
		log.printf(Locale.ROOT, "  trained in %.1f s (%,.0f samples/s)%n", result.millis() / 1000.0,
				result.epochLosses().length * (double) train.size() / Math.max(1, result.millis()) * 1000);
		return result;
	}

	/** Every dense layer's neurons as the run simulates them, and its steps; what the trainer cannot follow refused by name. */
	public static SpikingTrainer.Run run(ExperimentSetup setup, ResolvedNetwork network, Training training) throws PipelineException {
		String refusal = SpikingTraining.refusal(network);
		if (refusal != null)
			throw new PipelineException(refusal, training);
		SimulationConfig config = setup.simulation(0);
		List<NetLayer> dense = SpikingTraining.denseLayers(network);
		boolean membrane = SpikingTrainer.lossOf(training) == SpikeLoss.MEMBRANE;
		List<SpikingNeurons> neurons = new ArrayList<>();
		for (int l = 0; l < dense.size(); l++) {
			NetLayer layer = dense.get(l);
			NeuronSpec spec = config.neuronOf(layer.key());
			boolean output = l == dense.size() - 1;
			String problem = SpikingTraining.neuronRefusal(layer, spec.model(), output, membrane);
			if (problem == null && !(output && membrane))
				problem = unfollowed(layer, spec);
			if (problem != null)
				throw new PipelineException(problem, training);
			neurons.add(output && membrane && !spikingJump(spec) ? SpikingNeurons.plainIf()
					: new SpikingNeurons(spec.threshold(), spec.leak(), spec.restPotential(), spec.reset(), spec.resetPotential()));
		}
		return new SpikingTrainer.Run(neurons, config.steps());
	}

	private static boolean spikingJump(NeuronSpec spec) {
		String name = spec.model().name();
		return (name.equals("IF") || name.equals("LIF")) && unfollowed(null, spec) == null;
	}

	/** What of an IF or LIF neuron the trainer does not follow yet: a refractory period, a lower bound, reset modulo. */
	private static String unfollowed(NetLayer layer, NeuronSpec spec) {
		String where = layer == null ? "" : " (" + layer.describe() + ")";
		if (spec.refractorySteps() > 0)
			return "spiking training does not follow a refractory period yet" + where + "; set tau_refrac 0";
		if (spec.minPotential() != Float.NEGATIVE_INFINITY)
			return "spiking training does not follow a lower bound of the membrane (v_min) yet" + where;
		if (spec.reset() == org.volr.model.ResetMode.MODULO)
			return "spiking training resets by subtraction or to a potential, not modulo" + where;
		if (!(spec.threshold() > 0) || !Float.isFinite(spec.threshold()))
			return "spiking training needs a positive threshold" + where + ", got " + spec.threshold();
		return null;
	}
}
