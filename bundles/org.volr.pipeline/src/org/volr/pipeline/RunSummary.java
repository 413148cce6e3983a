package org.volr.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.volr.sim.SimulationResult;
import org.volr.sim.report.Quantities;

/**
 * The few lines a run prints when it is done: accuracies (with the SNN's against the ANN's at few steps), rates per
 * layer, operations, energy, speed.
 */
public final class RunSummary {
	private RunSummary() {
	}

	public static void print(PrintStream o, ExperimentSetup setup, ExperimentRun.Outcome outcome, Path out) {
		SimulationResult r = outcome.result();
		double ann = outcome.annAccuracy();
		RateComparison rates = outcome.rates();
		o.printf(Locale.ROOT, "experiment %s: %d samples, %d steps%n", setup.experiment.getName(), r.samples(), r.steps());
		if (setup.trainsSpiking())
			o.println("  no ANN: trained as a spiking network (the SNN accuracy is the trained network's, simulated)");
		else if (!Double.isNaN(ann))
			o.printf(Locale.ROOT, "  ANN accuracy  %6.2f %%%n", 100 * ann);
		double[] acc = r.accuracyPerStep();
		StringBuilder curve = new StringBuilder();
		for (int t : new int[] { 10, 25, 50, 100, 200, 500 })
			if (t <= acc.length)
				curve.append(String.format(Locale.ROOT, "  T=%d %.2f", t, 100 * acc[t - 1]));
		o.printf(Locale.ROOT, "  SNN accuracy  %6.2f %% at T=%d   (%s )%n", 100 * r.finalAccuracy(), r.steps(), curve.toString().trim());
		if (!Double.isNaN(ann))
			AccuracyAgainstSteps.of(acc, ann).print(o);
		for (int l = 0; l < r.layers().size(); l++) {
			if (r.neuronsPerLayer()[l] == 0)
				continue;
			String label = r.layers().get(l);
			String corr = rates.correlations.stream().filter(c -> c.layer().equals(label)).findFirst()
					.map(c -> String.format(Locale.ROOT, "  ANN/SNN correlation %.4f (active neurons %.4f)", c.pearson(), c.activePearson()))
					.orElse("");
			o.printf(Locale.ROOT, "  layer %-12s %7d neurons  rate %.4f spikes/step%s%n", label, r.neuronsPerLayer()[l], r.rate(l), corr);
		}
		o.printf(Locale.ROOT, "  synaptic operations %,.0f per sample; first output spike at step %.1f on average%n",
				r.synapticOps() / (double) Math.max(1, r.samples()), r.meanFirstOutputSpike());
		// three significant digits in a unit that fits (nJ, ms): a small run's figures must not read 0.00
		o.printf(Locale.ROOT, "  energy estimate %s per sample (ANN %s: %,d MACs; 45 nm synaptic arithmetic only)%n",
				Quantities.energy(r.energy().snnMicrojoulePerSample()), Quantities.energy(r.energy().annMicrojoulePerSample()), r.energy().annMacsPerSample());
		o.printf(Locale.ROOT, "  simulated in %s: %,.0f sample-steps/s (%s of CPU, %,.0f sample-steps per CPU-second)%n", Quantities.duration(r.seconds()),
				r.sampleStepsPerSecond(), Quantities.duration(r.cpuSeconds()), r.sampleStepsPerCpuSecond());
		o.println("  results in " + out);
	}
}
