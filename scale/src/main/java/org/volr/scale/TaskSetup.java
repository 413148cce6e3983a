package org.volr.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentChoiceException;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.SimulationDefaults;

/**
 * What a Spark task starts from: the experiment loaded from its file by the task itself (a model of its own, which a
 * grid point may change), weights shipped as .npz bytes, and simulation defaults with the task's share of the cores.
 * Tasks get file paths and bytes, not objects: the model and the weight store are not serializable, and the file
 * gives every task, on any machine that sees it, the same experiment the driver checked.
 */
final class TaskSetup {
	private TaskSetup() {
	}

	/** The experiment, checked; a file that no longer checks (changed since the driver read it) fails the task. */
	static ExperimentSetup load(String file, String experiment) {
		List<String> errors = new ArrayList<>();
		ExperimentSetup setup;
		try {
			setup = ExperimentSetup.load(Path.of(file), experiment, d -> errors.add(d.toString()));
		} catch (ExperimentChoiceException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
		if (setup == null)
			throw new IllegalStateException(file + " does not check on this executor: " + String.join("; ", errors));
		return setup;
	}

	/** The standard defaults, with {@code threads} simulating threads (Spark gives each task spark.task.cpus cores). */
	static SimulationDefaults defaults(int threads) {
		SimulationDefaults s = SimulationDefaults.STANDARD;
		return new SimulationDefaults(s.steps(), s.batch(), threads, s.seed());
	}

	static byte[] bytes(WeightStore weights) {
		try {
			Path tmp = Files.createTempFile("volr-weights", ".npz");
			try {
				weights.write(tmp);
				return Files.readAllBytes(tmp);
			} finally {
				Files.deleteIfExists(tmp);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static WeightStore weights(byte[] npz) {
		try {
			Path tmp = Files.createTempFile("volr-weights", ".npz");
			try {
				Files.write(tmp, npz);
				return WeightStore.read(tmp);
			} finally {
				Files.deleteIfExists(tmp);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
