package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracies the README states for the shipped examples, produced the way the README says (the examples as
 * shipped, {@code volr run}, Fashion-MNIST's 10,000 test images) and checked to the tolerance the README states:
 * {@value #POINTS} percentage points for accuracies (training runs on nd4j's oneDNN or generic kernels, whose float
 * sums differ by machine), {@value #PERCENT} % for synaptic operations. The results go to a temporary folder; the
 * examples stay as they are.
 */
class ExampleFiguresTest {
	static final double POINTS = 1.0;
	static final double PERCENT = 3;
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	private Run run(String example, String... extra) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", EXAMPLES.resolve(example).toString()));
		args.addAll(java.util.List.of(extra));
		args.addAll(java.util.List.of("-o", tmp.resolve(example.replace('/', '_')).toString()));
		Run r = volr(args.toArray(String[]::new));
		assertEquals(0, r.code(), r.out() + r.err());
		System.out.println(r.out()); // the figures, for the README
		return r;
	}

	/** The README's main command and the output it shows (accuracies, operations). */
	@Test
	void theMainJobPrintsTheReadmesFigures() {
		Run r = run("mnist-mlp/mnist-mlp.volr");
		assertNear(87.34, number(r.out(), "ANN accuracy\\s+([0-9.]+) %"), POINTS, "ANN");
		assertNear(87.37, number(r.out(), "SNN accuracy\\s+([0-9.]+) % at T=100"), POINTS, "SNN at T=100");
		for (var e : Map.of(10, 86.44, 25, 87.20, 50, 87.34).entrySet())
			assertNear(e.getValue(), number(r.out(), "T=" + e.getKey() + " ([0-9.]+)"), POINTS, "SNN at T=" + e.getKey());
		assertNear(993_743, number(r.out(), "synaptic operations ([0-9,]+) per sample"), 993_743 * PERCENT / 100, "operations");
	}

	/** The README's conversion table: T = 50, 100 and 200 from one 200-step run each. */
	@Test
	void theConversionTable() {
		Run mlp = run("mnist-mlp/mnist-mlp.volr", "--steps", "200");
		assertNear(87.34, number(mlp.out(), "ANN accuracy\\s+([0-9.]+) %"), POINTS, "MLP ANN");
		assertNear(87.34, number(mlp.out(), "T=50 ([0-9.]+)"), POINTS, "MLP T=50");
		assertNear(87.37, number(mlp.out(), "T=100 ([0-9.]+)"), POINTS, "MLP T=100");
		assertNear(87.37, number(mlp.out(), "T=200 ([0-9.]+)"), POINTS, "MLP T=200");
		assertNear(2.02e6, number(mlp.out(), "synaptic operations ([0-9,]+) per sample"), 2.02e6 * PERCENT / 100, "MLP operations");
		Run cnn = run("fmnist-cnn/fmnist-cnn.volr", "--steps", "200");
		assertNear(85.69, number(cnn.out(), "ANN accuracy\\s+([0-9.]+) %"), POINTS, "LeNet ANN");
		assertNear(84.85, number(cnn.out(), "T=50 ([0-9.]+)"), POINTS, "LeNet T=50");
		assertNear(85.28, number(cnn.out(), "T=100 ([0-9.]+)"), POINTS, "LeNet T=100");
		assertNear(85.53, number(cnn.out(), "T=200 ([0-9.]+)"), POINTS, "LeNet T=200");
		assertNear(10.73e6, number(cnn.out(), "synaptic operations ([0-9,]+) per sample"), 10.73e6 * PERCENT / 100, "LeNet operations");
	}

	@Test
	void parallelBranchesAndAnImageFolder() {
		Run parallel = run("parallel-mnist/parallel-mnist.volr");
		assertNear(86.70, number(parallel.out(), "ANN accuracy\\s+([0-9.]+) %"), POINTS, "parallel ANN");
		assertNear(86.57, number(parallel.out(), "SNN accuracy\\s+([0-9.]+) %"), POINTS, "parallel SNN");
		Run images = run("image-folder/image-folder.volr");
		assertNear(83.33, number(images.out(), "ANN accuracy\\s+([0-9.]+) %"), POINTS, "image folder ANN");
		assertNear(82.67, number(images.out(), "SNN accuracy\\s+([0-9.]+) %"), POINTS, "image folder SNN");
	}

	private static void assertNear(double expected, double actual, double tolerance, String what) {
		assertTrue(Math.abs(expected - actual) <= tolerance, what + ": the README states " + expected + " (± " + tolerance + "), got " + actual);
	}

	private static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
		return Double.parseDouble(m.group(1).replace(",", ""));
	}
}
