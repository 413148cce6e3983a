package org.volr.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.volr.core.data.Dataset;
import org.volr.core.io.StagedFolder;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.sim.Encoding;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.WarmUp;
import org.volr.sim.report.ResultPlots;

/**
 * The whole pipeline of an experiment, as {@code volr run} and the workbench's launches run it: weights (imported
 * or trained), the ANN's accuracy, conversion, simulation, and the results folder (see {@link ResultFiles}).
 */
public final class ExperimentRun {
	/** Samples whose spike count per neuron is kept for the ANN/SNN comparison. */
	static final int RECORDED_SAMPLES = 200;

	/** What a run measured; the same is written to its results folder. */
	public record Outcome(SimulationResult result, double annAccuracy, RateComparison rates) {
	}

	/**
	 * How the converted network is simulated on constant or Poisson input: here ({@link Simulator#run}), or in shards on
	 * other machines (org.volr.scale), which must give the same result.
	 */
	@FunctionalInterface
	public interface Simulation {
		SimulationResult run(WeightStore converted, SpikingNetwork snn, Dataset test, SimulationConfig config, Progress progress)
				throws LoweringException, IOException;
	}

	private ExperimentRun() {
	}

	/**
	 * Runs the experiment with the given simulation settings on at most {@code sampleLimit} test samples (0 or
	 * less: all) and writes the results folder. Cancelling {@code progress} stops training, evaluation or the
	 * simulation between batches with a {@link org.volr.core.progress.CancelledException}. The results folder appears
	 * only when the run succeeded; a failed or cancelled run leaves the previous one's as it was.
	 */
	public static Outcome run(ExperimentSetup setup, SimulationConfig config, int sampleLimit, Path results, PrintStream log,
			Progress progress) throws PipelineException, LoweringException, IOException {
		return run(setup, config, sampleLimit, results, log, progress, (converted, snn, test, c, p) -> Simulator.run(snn, test, c, p));
	}

	/** {@link #run(ExperimentSetup, SimulationConfig, int, Path, PrintStream, Progress)} simulating constant or Poisson input so. */
	public static Outcome run(ExperimentSetup setup, SimulationConfig config, int sampleLimit, Path results, PrintStream log,
			Progress progress, Simulation simulation) throws PipelineException, LoweringException, IOException {
		ResourceEstimate.forThisProcess(setup).checkSimulation(config);
		try (StagedFolder staged = StagedFolder.beside(results)) {
			Outcome outcome = runInto(setup, config, sampleLimit, staged.path(), log, progress, simulation);
			staged.commit();
			return outcome;
		}
	}

	private static Outcome runInto(ExperimentSetup setup, SimulationConfig config, int sampleLimit, Path results, PrintStream log,
			Progress progress, Simulation simulation) throws PipelineException, LoweringException, IOException {
		Pipeline pipeline = new Pipeline(setup, log, progress);
		Network network = setup.experiment.getNetwork();
		Dataset test = pipeline.testData(sampleLimit);
		WeightStore weights = pipeline.weights();
		WeightStore converted = pipeline.convert(weights, results);
		SpikingNetwork snn = SpikingNetwork.lower(setup.network, converted);
		double annAccuracy;
		SimulationConfig recording = setup.withNeuronParameters(config, converted).withRecording(RECORDED_SAMPLES);
		SimulationResult result;
		if (config.encoding() == Encoding.EVENTS) {
			// the ANN read the recordings as spikes per step (EventFrames); the spiking network gets every event
			annAccuracy = pipeline.annAccuracyIfComputable(weights, test);
			result = Simulator.runEvents(snn, setup.events(setup.experiment.getData(), sampleLimit), recording, progress);
		} else if (config.encoding() == Encoding.SPIKES) {
			// the ANN read the spikes per step of each input (SpikeTrains.rates); the spiking network gets every spike
			Dataset trains = pipeline.spikeTrains(sampleLimit, config.steps());
			try (WarmUp warmUp = WarmUp.start(snn, trains, recording)) {
				annAccuracy = pipeline.annAccuracyIfComputable(weights, test);
			}
			result = Simulator.run(snn, trains, recording, progress);
		} else {
			// the simulator's code gets compiled by the JVM on a spare core while the ANN is evaluated (see WarmUp)
			try (WarmUp warmUp = WarmUp.start(snn, test, recording)) {
				annAccuracy = pipeline.annAccuracyIfComputable(weights, test);
			}
			result = simulation.run(converted, snn, test, recording, progress);
		}
		result.write(results);
		RateComparison rates = RateComparison.of(pipeline.network(), converted, test, result);
		pipeline.setCorrelationJson(rates.toJson());
		pipeline.writeReport(results, result, annAccuracy);
		ResultFiles.writeRateComparison(results, rates);
		ResultFiles.writeSpikeCounts(results, result);
		ResultFiles.writeSpikeRaster(results, result);
		ResultPlots.writeAll(result, annAccuracy, results);
		if (!rates.points.isEmpty())
			ResultPlots.write(ResultPlots.annVersusSnn(rates.points), results, "ann-vs-snn");
		return new Outcome(result, annAccuracy, rates);
	}
}
