import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.pipeline.SimulationDefaults;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * Volr's simulation of an experiment's test set, RUNS times in one JVM, as the ANN peers are measured (best of several
 * after a warm-up): `volr simulate` is one run in a fresh JVM, whose first samples run on code the JIT has not
 * compiled yet. Run from the repository after ./build.sh, with the jars of the Spark module (the bundles as plain jars):
 *   java --enable-native-access=ALL-UNNAMED -cp "scale/target/lib/*" bench/peers/SimulateWarm.java EXPERIMENT.volr CONVERTED.npz [RUNS [THREADS]]
 * The weights are taken as they are (the experiment says `convert { normalize none, ... }`, as headline.sh's bench.volr).
 * Prints each run's seconds (Simulator's own clock, as result.json), images/s, the CPU seconds of the simulating threads
 * and of the whole process, the accuracy and a hash of the predictions (the same in every run), then a RESULT line.
 */
public class SimulateWarm {
	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: SimulateWarm.java EXPERIMENT.volr CONVERTED.npz [RUNS [THREADS]]");
			System.exit(2);
		}
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7, threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		List<String> errors = new ArrayList<>();
		ExperimentSetup setup = ExperimentSetup.load(Path.of(args[0]), null, d -> errors.add(d.toString()));
		if (setup == null)
			throw new IllegalArgumentException(args[0] + " does not check: " + errors);
		WeightStore weights = WeightStore.read(Path.of(args[1]));
		Dataset test = new Pipeline(setup, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), Progress.NONE).testData(0);
		SimulationDefaults d = SimulationDefaults.STANDARD;
		SimulationConfig config = setup.withNeuronParameters(setup.simulation(0, new SimulationDefaults(d.steps(), d.batch(), threads, d.seed())), weights);
		SpikingNetwork network = SpikingNetwork.lower(setup.network, weights);
		double[] seconds = new double[runs];
		long samples = 0;
		for (int r = 0; r < runs; r++) {
			long cpu = processCpuNanos();
			SimulationResult result = Simulator.run(network, test, config, Progress.NONE);
			seconds[r] = result.seconds();
			samples = result.samples();
			System.out.printf("run %d: %.3f s, %.0f images/s, simulating threads %.3f CPU-s, process %.3f CPU-s, accuracy %.4f, predictions hash %08x%n", r + 1,
					result.seconds(), result.samples() / result.seconds(), result.cpuSeconds(), (processCpuNanos() - cpu) / 1e9, result.finalAccuracy(),
					Arrays.hashCode(result.predictions()));
		}
		double[] warm = Arrays.copyOfRange(seconds, Math.min(2, runs - 1), runs); // the first two runs warm the JIT up
		Arrays.sort(warm);
		System.out.printf("RESULT name=volr-warm samples=%d runs=%d best_images_per_s=%.0f median_images_per_s=%.0f (runs 3..%d)%n", samples, runs,
				samples / warm[0], samples / warm[warm.length / 2], runs);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}
}
