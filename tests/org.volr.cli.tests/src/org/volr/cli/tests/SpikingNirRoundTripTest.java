package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.ann.snn.SpikingTrainer;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Training;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.pipeline.SpikingTrainingStep;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * A network trained as a spiking network (train { spiking }) leaves Volr like any other: {@code volr generate} writes
 * it as a NIR graph and as PyNN and Brian2 scripts, and the NIR graph read back ({@code weights nir}) simulates with
 * the output spike counts of the trained network, which are the trainer's own, on every one of 1,000 MNIST test images
 * of the repository (testdata/mnist-npz). NIR's neurons reset to a value, so the network is trained with reset zero
 * (convert { normalize none, reset zero }: nothing is converted, the block only sets the reset).
 */
class SpikingNirRoundTripTest {
	private static final Path MNIST = Path.of(System.getProperty("volr.thirdparty", "../../testdata")).resolve("mnist-npz").toAbsolutePath();
	private static final String EXPERIMENT = """
			network mlp {
			    input [784]
			    h: dense 48 relu
			    out: dense 10 linear
			}
			experiment e {
			    network mlp
			    %2$s
			    data npz "%1$s" test limit 1000
			    neuron LIF { tau_m 20 ms, v_thresh 1.0 }
			    convert { normalize none, reset zero }
			    simulate { duration 12 steps, input constant, batch 500 }
			    targets nir, pynn, brian2
			}
			""";
	private static final String TRAIN = "train { spiking, surrogate fast_sigmoid 5, loss counts, epochs 1, batch 32, optimizer adam 0.002,"
			+ " seed 1, data npz \"%s\" test limit 3000 }";

	@TempDir
	Path tmp;

	@Test
	void aSpikingTrainedNetworkExportsToNirAndSimulatesWithTheSameSpikesWhenReadBack() throws Exception {
		Path trainedFile = tmp.resolve("trained.volr");
		Files.writeString(trainedFile, EXPERIMENT.formatted(MNIST, TRAIN.formatted(MNIST)));
		Run check = volr("check", "--werror", trainedFile.toString());
		assertEquals(0, check.code(), check.out() + check.err());
		Path out = tmp.resolve("generated");
		Run gen = volr("generate", trainedFile.toString(), "-o", out.toString());
		assertEquals(0, gen.code(), gen.out() + gen.err());
		assertTrue(Files.exists(out.resolve("nir/mlp.nir")), gen.out());
		// PyNN and Brian2 get their scripts too (their simulators are not installed here: that they are written is the check)
		assertTrue(Files.list(out.resolve("pynn")).anyMatch(f -> f.toString().endsWith(".py")), gen.out());
		assertTrue(Files.list(out.resolve("brian2")).anyMatch(f -> f.toString().endsWith(".py")), gen.out());

		Path fromNirFile = tmp.resolve("from-nir.volr");
		Files.writeString(fromNirFile, EXPERIMENT.formatted(MNIST, "weights nir \"" + out.resolve("nir/mlp.nir") + "\""));
		Run checkNir = volr("check", "--werror", fromNirFile.toString());
		assertEquals(0, checkNir.code(), checkNir.out() + checkNir.err());

		ExperimentSetup trainedSetup = load(trainedFile), nirSetup = load(fromNirFile);
		WeightStore trained = WeightStore.read(out.resolve("converted.npz"));
		WeightStore fromNir = new Pipeline(nirSetup, System.err, Progress.NONE).weights();
		Dataset test = new Pipeline(trainedSetup, System.err, Progress.NONE).testData(-1);
		SimulationResult a = Simulator.run(SpikingNetwork.lower(trainedSetup.network, trained), test,
				trainedSetup.withNeuronParameters(trainedSetup.simulation(0), trained), Progress.NONE);
		SimulationResult b = Simulator.run(SpikingNetwork.lower(nirSetup.network, fromNir), test,
				nirSetup.withNeuronParameters(nirSetup.simulation(0), fromNir), Progress.NONE);
		SpikingTrainer.Run run = SpikingTrainingStep.run(trainedSetup, trainedSetup.network, (Training) trainedSetup.experiment.getWeights());
		int[] trainer = SpikingTrainer.outputs(trainedSetup.network, trained, run, test, 500).counts();
		assertEquals(1000, b.samples());
		int differing = 0, spikes = 0;
		for (int s = 0; s < test.size(); s++) {
			boolean same = true;
			for (int o = 0; o < 10; o++) {
				same &= a.outputSpikes(s, o) == trainer[s * 10 + o] && b.outputSpikes(s, o) == trainer[s * 10 + o];
				spikes += trainer[s * 10 + o];
			}
			differing += same ? 0 : 1;
		}
		assertTrue(spikes > 1000, "the output fired only " + spikes + " times");
		assertEquals(0, differing, differing + " of 1000 test images have other output spike counts after the NIR round trip");
		assertTrue(a.finalAccuracy() > 0.5, "trained accuracy " + a.finalAccuracy());
		assertEquals(a.finalAccuracy(), b.finalAccuracy());
	}

	private static ExperimentSetup load(Path file) throws Exception {
		return ExperimentSetup.load(file, null, d -> {
			throw new AssertionError(d.toString());
		});
	}
}
