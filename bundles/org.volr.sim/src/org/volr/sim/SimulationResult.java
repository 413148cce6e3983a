package org.volr.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.volr.core.io.AtomicFiles;
import org.volr.model.DiscretisationKind;
import org.volr.model.InitialPotential;
import org.volr.model.Readout;

/**
 * What a simulation measured: accuracy after every step, spikes and rates per layer, synaptic operations (in all,
 * and per layer they were delivered into), the first output spike, and how fast it ran; how the classes were read out, the neurons
 * discretised, and where their membranes started.
 */
public record SimulationResult(int steps, long samples, double[] accuracyPerStep, List<String> layers, long[] neuronsPerLayer,
		long[] spikesPerLayer, long synapticOps, double meanFirstOutputSpike, double seconds, int outputs, int[] outputCounts,
		int[] predictions, int[][][] recordedCounts, EnergyEstimate energy, long[] synapticOpsPerLayer, int[] spikeRaster,
		double cpuSeconds, Readout readout, DiscretisationKind discretisation, InitialPotential initialPotential, Tally tally) implements java.io.Serializable {

	/**
	 * The integer counts behind the accuracy per step and the mean first output spike, so that shards of a run add up
	 * to exactly the whole run's figures (see {@link #concat}).
	 */
	public record Tally(long[] correctPerStep, long firstSpikeStepSum, long samplesWithOutputSpikes) implements java.io.Serializable {
	}

	static SimulationResult merge(SpikingNetwork network, SimulationConfig config, List<SampleRunner> runners, double seconds,
			int[] outputCounts, int[] predictions) {
		int layers = network.layers().size();
		long[] spikes = new long[layers], layerOps = new long[layers];
		long[] correct = new long[config.steps()];
		long samples = 0, ops = 0, firstSum = 0, withSpikes = 0;
		for (SampleRunner r : runners) {
			samples += r.samples;
			long[] rOps = r.synapticOpsPerLayer();
			firstSum += r.firstSpikeStepSum;
			withSpikes += r.samplesWithOutputSpikes;
			for (int l = 0; l < layers; l++) {
				spikes[l] += r.spikesPerLayer[l];
				layerOps[l] += rOps[l];
				ops += rOps[l];
			}
			for (int t = 0; t < correct.length; t++)
				correct[t] += r.correctAtStep[t];
		}
		double[] accuracy = new double[config.steps()];
		for (int t = 0; t < accuracy.length; t++)
			accuracy[t] = samples == 0 ? 0 : (double) correct[t] / samples;
		List<String> names = network.layers().stream().map(p -> p.label()).toList();
		return new SimulationResult(config.steps(), samples, accuracy, names, Simulator.neurons(network), spikes, ops,
				withSpikes == 0 ? Double.NaN : (double) firstSum / withSpikes, seconds, network.outputs(), outputCounts, predictions, null,
				EnergyEstimate.of(network, config, ops / (double) Math.max(samples, 1)), layerOps, raster(runners),
				runners.stream().mapToLong(r -> r.cpuNanos).sum() / 1e9, config.readout(), config.discretisation(), config.initialPotential(),
				new Tally(correct, firstSum, withSpikes));
	}

	/**
	 * The result of the whole test set from the results of its shards in order (each run by {@link Simulator#run(SpikingNetwork,
	 * Dataset, SimulationConfig, org.volr.core.progress.Progress, long)} from its first sample): counts added, per-sample
	 * outputs joined, the recorded samples the first ones of the whole set, the raster the first shard's (its sample 0).
	 * Everything but the times is what one run over the whole set gives, bit for bit; {@code seconds} is the whole
	 * sharded run's wall time.
	 */
	public static SimulationResult concat(SpikingNetwork network, SimulationConfig config, List<SimulationResult> shards, double seconds) {
		if (shards.isEmpty())
			throw new IllegalArgumentException("no shards to merge");
		SimulationResult first = shards.get(0);
		int layers = first.layers.size();
		long[] spikes = new long[layers], layerOps = new long[layers], correct = new long[config.steps()];
		long samples = 0, ops = 0, firstSum = 0, withSpikes = 0;
		double cpu = 0;
		int[] counts = new int[0], predicted = new int[0];
		List<int[][]> recorded = new java.util.ArrayList<>();
		for (SimulationResult r : shards) {
			samples += r.samples;
			ops += r.synapticOps;
			cpu += r.cpuSeconds;
			firstSum += r.tally.firstSpikeStepSum;
			withSpikes += r.tally.samplesWithOutputSpikes;
			for (int l = 0; l < layers; l++) {
				spikes[l] += r.spikesPerLayer[l];
				layerOps[l] += r.synapticOpsPerLayer[l];
			}
			for (int t = 0; t < correct.length; t++)
				correct[t] += r.tally.correctPerStep[t];
			counts = join(counts, r.outputCounts);
			predicted = join(predicted, r.predictions);
			for (int s = 0; s < r.recordedSamples() && recorded.size() < config.recordedSamples(); s++)
				recorded.add(r.recordedCounts[s]);
		}
		double[] accuracy = new double[correct.length];
		for (int t = 0; t < accuracy.length; t++)
			accuracy[t] = samples == 0 ? 0 : (double) correct[t] / samples;
		return new SimulationResult(config.steps(), samples, accuracy, first.layers, first.neuronsPerLayer, spikes, ops,
				withSpikes == 0 ? Double.NaN : (double) firstSum / withSpikes, seconds, first.outputs, counts, predicted,
				config.recordedSamples() > 0 ? recorded.toArray(new int[0][][]) : null,
				EnergyEstimate.of(network, config, ops / (double) Math.max(samples, 1)), layerOps, first.spikeRaster, cpu, config.readout(),
				config.discretisation(), config.initialPotential(), new Tally(correct, firstSum, withSpikes));
	}

	private static int[] join(int[] a, int[] b) {
		int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	/** Sample 0's spikes from the runner that simulated it (null when nothing was recorded). */
	private static int[] raster(List<SampleRunner> runners) {
		for (SampleRunner r : runners)
			if (r.raster != null)
				return java.util.Arrays.copyOf(r.raster, r.rasterLength);
		return null;
	}

	SimulationResult withRecorded(int[][][] counts) {
		return new SimulationResult(steps, samples, accuracyPerStep, layers, neuronsPerLayer, spikesPerLayer, synapticOps,
				meanFirstOutputSpike, seconds, outputs, outputCounts, predictions, counts, energy, synapticOpsPerLayer, spikeRaster, cpuSeconds, readout, discretisation,
				initialPotential, tally);
	}

	/**
	 * The spikes of the first sample in time, as (step, layer, neuron) triples in the order they happened (null
	 * unless samples were recorded): the data of a spike raster plot.
	 */
	public int[] spikeRaster() {
		return spikeRaster == null ? null : spikeRaster.clone();
	}

	/** Spikes of every neuron of layer l in recorded sample s (see SimulationConfig.withRecording), or null. */
	public int[] neuronSpikes(int sample, int layer) {
		return recordedCounts == null || sample >= recordedCounts.length ? null : recordedCounts[sample][layer];
	}

	public int recordedSamples() {
		return recordedCounts == null ? 0 : recordedCounts.length;
	}

	/** The class read out for sample s at the last step (SEMANTICS.md, "Readout"). */
	public int predicted(int sample) {
		return predictions[sample];
	}

	/** Spikes of output neuron o during the whole run of sample s. */
	public int outputSpikes(int sample, int o) {
		return outputCounts[sample * outputs + o];
	}

	public double finalAccuracy() {
		return accuracyPerStep[accuracyPerStep.length - 1];
	}

	/** Mean spikes per neuron per step in layer l. */
	public double rate(int l) {
		return neuronsPerLayer[l] == 0 ? 0 : (double) spikesPerLayer[l] / (neuronsPerLayer[l] * (double) samples * steps);
	}

	public double sampleStepsPerSecond() {
		return samples * (double) steps / seconds;
	}

	/** Throughput per CPU second of the simulating threads: what the simulation costs, whatever else the machine runs. */
	public double sampleStepsPerCpuSecond() {
		return samples * (double) steps / cpuSeconds;
	}

	public String toJson() {
		StringBuilder b = new StringBuilder("{\n");
		b.append(String.format(Locale.ROOT, "  \"samples\": %d,\n  \"steps\": %d,\n  \"accuracy\": %.6f,\n", samples, steps, finalAccuracy()));
		// the defaults (spike counts, exact propagators) are not named, so that results of runs that do not choose read as before
		if (readout != Readout.SPIKES)
			b.append("  \"readout\": \"").append(readout.getLiteral()).append("\",\n");
		if (discretisation != DiscretisationKind.EXACT)
			b.append("  \"discretisation\": \"").append(discretisation.getLiteral()).append("\",\n");
		if (initialPotential != InitialPotential.ZERO)
			b.append("  \"initial_potential\": \"").append(initialPotential.getLiteral()).append("\",\n");
		b.append("  \"accuracy_per_step\": [");
		for (int t = 0; t < accuracyPerStep.length; t++)
			b.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", accuracyPerStep[t]));
		b.append("],\n  \"layers\": [\n");
		for (int l = 0; l < layers.size(); l++)
			b.append(String.format(Locale.ROOT, "    {\"label\": \"%s\", \"neurons\": %d, \"spikes\": %d, \"rate\": %.6f, \"synaptic_ops\": %d}%s%n",
					layers.get(l), neuronsPerLayer[l], spikesPerLayer[l], rate(l), synapticOpsPerLayer[l], l + 1 < layers.size() ? "," : ""));
		b.append(String.format(Locale.ROOT, "  ],\n  \"synaptic_ops\": %d,\n  \"synaptic_ops_per_sample\": %.1f,\n", synapticOps,
				synapticOps / (double) Math.max(samples, 1)));
		b.append(String.format(Locale.ROOT, "  \"ann_macs_per_sample\": %d,\n  \"energy_uj_per_sample\": {\"snn\": %.4f, \"ann\": %.4f,"
				+ " \"pj_per_accumulate\": %.1f, \"pj_per_mac\": %.1f},%n", energy.annMacsPerSample(), energy.snnMicrojoulePerSample(),
				energy.annMicrojoulePerSample(), EnergyEstimate.PICOJOULE_PER_ACCUMULATE, EnergyEstimate.PICOJOULE_PER_MAC));
		b.append(String.format(Locale.ROOT, "  \"mean_first_output_spike_step\": %s,\n",
				Double.isNaN(meanFirstOutputSpike) ? "null" : String.format(Locale.ROOT, "%.3f", meanFirstOutputSpike)));
		b.append(String.format(Locale.ROOT, "  \"seconds\": %.3f,\n  \"cpu_seconds\": %.3f,\n  \"sample_steps_per_second\": %.1f,\n"
				+ "  \"sample_steps_per_cpu_second\": %.1f\n}\n", seconds, cpuSeconds, sampleStepsPerSecond(), sampleStepsPerCpuSecond()));
		return b.toString();
	}

	public String accuracyCsv() {
		StringBuilder b = new StringBuilder("step,accuracy\n");
		for (int t = 0; t < accuracyPerStep.length; t++)
			b.append(t + 1).append(',').append(String.format(Locale.ROOT, "%.6f", accuracyPerStep[t])).append('\n');
		return b.toString();
	}

	/** One row per sample: its index, the class read out, and the spike count of every output neuron. */
	public String predictionsCsv() {
		StringBuilder b = new StringBuilder("sample,predicted");
		for (int o = 0; o < outputs; o++)
			b.append(",count_").append(o);
		b.append('\n');
		for (int s = 0; s < samples; s++) {
			b.append(s).append(',').append(predictions[s]);
			for (int o = 0; o < outputs; o++)
				b.append(',').append(outputSpikes(s, o));
			b.append('\n');
		}
		return b.toString();
	}

	/** Writes result.json, accuracy.csv and predictions.csv into a folder, each through a temporary file. */
	public void write(Path folder) throws IOException {
		AtomicFiles.writeString(folder.resolve("result.json"), toJson());
		AtomicFiles.writeString(folder.resolve("accuracy.csv"), accuracyCsv());
		AtomicFiles.writeString(folder.resolve("predictions.csv"), predictionsCsv());
	}
}
