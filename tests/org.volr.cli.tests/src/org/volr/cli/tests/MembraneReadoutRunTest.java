package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network with an output layer of its own LI neurons (leaky integrators, which never fire) classifies Fashion-MNIST
 * end to end when read out by its membrane, as the spiking output does by its spike counts (and is exported to NIR
 * with its LI node); {@code volr check} refuses it read by spikes.
 */
class MembraneReadoutRunTest {
	@TempDir
	Path tmp;

	private static final String EXPERIMENT = """
			network mlp {
			    input [1, 28, 28]
			    flatten
			    fc1: dense 64 relu
			    out: dense 10 softmax%s
			}

			experiment e {
			    network mlp
			    data idx "/usr/share/datasets/fashion-mnist" test limit 200
			    train { epochs 1, batch 64, optimizer adam 0.002, seed 3, data idx "/usr/share/datasets/fashion-mnist" train limit 3000 }
			    convert { normalize percentile 99.9, reset zero, samples 500 }
			    simulate { duration 60 steps, input constant, batch 50%s }
			    targets %s
			    seed 1
			}
			""";

	private Path run(String name, String outNeuron, String simulate, String targets) throws IOException {
		Path file = Files.writeString(tmp.resolve(name + ".volr"), EXPERIMENT.formatted(outNeuron, simulate, targets));
		Path out = tmp.resolve(name);
		Run r = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		return out;
	}

	private static double snnAccuracy(Path out) throws IOException {
		Matcher m = Pattern.compile("\"accuracy\": ([0-9.]+)").matcher(Files.readString(out.resolve("result.json")));
		assertTrue(m.find(), "result.json has the SNN's accuracy");
		return Double.parseDouble(m.group(1));
	}

	@Test
	void anLiOutputReadByItsMembraneClassifiesFashionMnist() throws IOException {
		Path spikes = run("spikes", "", "", "nir");
		Path last = run("last", " neuron LI { tau_m 50 ms }", ", readout membrane_last", "nir");
		Path max = run("max", " neuron LI { tau_m 50 ms }", ", readout membrane_max", "nir");
		double a = snnAccuracy(spikes), l = snnAccuracy(last), m = snnAccuracy(max);
		System.out.printf("200 Fashion-MNIST test images, 60 steps: spiking output (spike counts) %.4f, LI output membrane_last %.4f,"
				+ " membrane_max %.4f%n", a, l, m);
		assertTrue(l >= 0.6 && m >= 0.6, "the membrane readouts classify: last " + l + ", max " + m);
		assertTrue(l >= a - 0.05, "an integrating output read at the end is no worse than counting spikes: " + l + " against " + a);
		assertTrue(Files.readString(last.resolve("result.json")).contains("\"readout\": \"membrane_last\""));
		assertTrue(!Files.readString(spikes.resolve("result.json")).contains("\"readout\""), "the default readout is not named");
	}

	@Test
	void checkRefusesAnLiOutputReadBySpikes() throws IOException {
		Path file = Files.writeString(tmp.resolve("bad.volr"), EXPERIMENT.formatted(" neuron LI", "", "nir"));
		Run check = volr("check", file.toString());
		assertTrue(check.code() != 0, check.out() + check.err());
		assertTrue((check.out() + check.err()).contains("has LI neurons, which never spike: read it out by its membrane"), check.out() + check.err());
	}
}
