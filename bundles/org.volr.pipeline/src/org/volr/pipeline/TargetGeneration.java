package org.volr.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.SampleSet;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.model.Experiment;
import org.volr.model.Simulation;
import org.volr.model.Target;
import org.volr.model.TargetOption;
import org.volr.model.units.Units;
import org.volr.sim.SimulationConfig;

/**
 * An experiment's converted network written for its targets, as {@code volr generate} and the workbench's builder
 * do it: converted once, then each target checks the model and writes its files, or refuses and says why.
 */
public final class TargetGeneration {
	/** A target that refused the model (or is not installed), with its reason. */
	public record Refusal(String target, String problem) {
	}

	/** What a generation did: the files per target written, and the targets that refused. */
	public record Outcome(Map<String, GeneratedFiles> written, List<Refusal> refusals) {
	}

	private TargetGeneration() {
	}

	/** The targets of the experiment's 'targets' clause with their options, in the order written. */
	public static Map<String, Map<String, String>> targetsOf(Experiment experiment) {
		Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
		for (Target t : experiment.getTargets())
			wanted.put(t.getName(), new LinkedHashMap<>(optionsOf(experiment, t.getName())));
		return wanted;
	}

	/** The options the experiment's 'targets' clause gives one target (empty when it does not list it). */
	public static Map<String, String> optionsOf(Experiment experiment, String target) {
		return experiment.getTargets().stream().filter(t -> t.getName().equals(target)).flatMap(t -> t.getOptions().stream())
				.collect(Collectors.toMap(TargetOption::getKey, op -> op.getValue() == null ? "true" : op.getValue(), (a, b) -> b,
						LinkedHashMap::new));
	}

	/**
	 * Converts the experiment (writing root/converted.npz) and writes each wanted target into root/TARGET, or into
	 * root itself when {@code single} and only one target is wanted. Scripts ship the first {@code samples} test
	 * samples (none when 0). Names of written files and the targets' notes go to {@code log}.
	 */
	public static Outcome generate(ExperimentSetup setup, Map<String, Map<String, String>> wanted, int samples, Path root,
			boolean single, PrintStream log, Progress progress) throws PipelineException, IOException {
		Pipeline pipeline = new Pipeline(setup, log, progress);
		WeightStore converted = pipeline.convert(pipeline.weights(), root); // root/converted.npz, for the record
		SimulationConfig simulation = setup.simulation(0);
		SampleSet shipped = samples > 0 && setup.experiment.getData() != null ? samples(pipeline.testData(samples), samples) : null;
		Map<String, GeneratedFiles> written = new LinkedHashMap<>();
		List<Refusal> refusals = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> target : wanted.entrySet()) {
			progress.checkCancelled();
			TargetGenerator g = TargetRegistry.find(target.getKey()).orElse(null);
			if (g == null) {
				refusals.add(new Refusal(target.getKey(), "no target '" + target.getKey() + "'; installed: " + String.join(", ", TargetRegistry.ids())));
				continue;
			}
			GenerationInput input = new GenerationInput(setup.file.toString(), setup.experiment.getName(), setup.experiment.getNetwork(),
					converted, GenerationSettings.of(simulation, dtMillis(setup.experiment.getSimulation())), target.getValue(), shipped);
			List<String> problems = g.validate(input);
			if (!problems.isEmpty()) {
				problems.forEach(p -> refusals.add(new Refusal(g.id(), p)));
				continue;
			}
			Path dir = single && wanted.size() == 1 ? root : root.resolve(g.id());
			GeneratedFiles files = g.generate(input, dir);
			written.put(g.id(), files);
			for (Path f : files.files())
				log.println("wrote " + f);
			for (String n : files.notes())
				log.println(g.id() + ": " + n);
		}
		return new Outcome(written, refusals);
	}

	private static double dtMillis(Simulation s) {
		return s != null && s.getDt() != null ? Units.toBase(s.getDt()) : 1.0;
	}

	private static SampleSet samples(Dataset data, int limit) {
		int n = Math.min(limit, data.size());
		int size = 1;
		for (int d : data.sampleShape())
			size *= d;
		float[] features = new float[n * size];
		int[] labels = new int[n];
		int filled = 0;
		try (BatchIterator it = data.batches(Math.max(1, Math.min(n, 256)))) {
			while (it.hasNext() && filled < n) {
				Batch b = it.next();
				int take = Math.min(b.size(), n - filled);
				System.arraycopy(b.features(), 0, features, filled * size, take * size);
				System.arraycopy(b.labels(), 0, labels, filled, take);
				filled += take;
			}
		} catch (Exception e) {
			throw new IllegalArgumentException("cannot read the samples to ship: " + e.getMessage(), e);
		}
		return new SampleSet(filled, data.sampleShape(), Arrays.copyOf(features, filled * size), Arrays.copyOf(labels, filled));
	}
}
