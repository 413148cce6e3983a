package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.Diagnostic.Severity;
import org.volr.model.Experiment;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.ShapeProblem;

/**
 * Every rule of the validator and every error of the shape inference, each with a text that breaks it (checking the
 * line and that the message names what was expected and what was found) and a text that passes it.
 */
class ValidatorTest {

	@BeforeAll
	static void weightFiles() throws IOException {
		Files.writeString(Volr.tempDir().resolve("w.h5"), "");
		Files.writeString(Volr.tempDir().resolve("d.idx"), "");
	}

	static Volr.Checked check(String text) {
		return Volr.check(text);
	}

	// =========================================================================================== shapes

	@Test
	void sequentialSizeMismatch() {
		Volr.Checked bad = check("network n =\n    dense 2 4\n    >> dense 3 2\n");
		Diagnostic d = bad.expectError(3, "Incompatible network sizes", "output 4", "input 3");
		assertEquals(14, d.column(), "points at the input size of the second layer");
		assertEquals(1, bad.errors().size(), bad.diagnostics().toString());
		check("network n =\n    dense 2 4\n    >> dense 4 2\n").expectClean();
		// in a block, the declared input meets the layer
		check("network n {\n    input [5]\n    dense 3 2\n}").expectError(3, "output 5", "input 3");
	}

	@Test
	void sequentialMismatchAtANetworkWithDeclaredInput() {
		Volr.Checked bad = check("network a (input [3]) = dense 2\nnetwork b = dense 2 4 >> a\n");
		bad.expectError(2, "network 'a' expects input 3", "outputs 4");
		check("network a (input [4]) = dense 2\nnetwork b = dense 2 4 >> a\n").expectClean();
	}

	@Test
	void parallelInputsDiffer() {
		Volr.Checked bad = check("network n =\n    (dense 2 4\n    ⊖ dense 3 4) ⦶ dense 8 1\n");
		bad.expectError(3, "Parallel networks must share input sizes, got 2", "and 3");
		check("network n =\n    (dense 2 4\n    ⊖ dense 2 4) ⦶ dense 8 1\n").expectClean();
	}

	@Test
	void unknownReference() {
		Volr.Checked bad = check("network n = dense 2 2\nnetwork m = n >> nn\n");
		Diagnostic d = bad.expectError(2, "Unknown reference 'nn'");
		assertEquals(18, d.column());
		check("network n = dense 2 2\nnetwork m = n >> n\n").expectClean();
		// a let binding is visible only in its body
		check("(let x = dense 2 2 in x)\n>> x").expectError(2, "Unknown reference 'x'");
		check("experiment e {\n    network nope\n}").expectError(2, "Unknown network 'nope'");
	}

	@Test
	void referenceToAnExperiment() {
		Volr.Checked bad = check("experiment e {\n    network n\n    weights keras \"w.h5\"\n}\nnetwork n = dense 2 2 >> e\n");
		bad.expectError(5, "'e' is an experiment, not a network");
		// the shape inference says so too, for models built in code
		VolrFile file = VolrFactory.eINSTANCE.createVolrFile();
		Experiment e = VolrFactory.eINSTANCE.createExperiment();
		e.setName("e");
		Network n = VolrFactory.eINSTANCE.createNetwork();
		n.setName("n");
		NetRef ref = VolrFactory.eINSTANCE.createNetRef();
		ref.setTarget(e);
		n.setBody(ref);
		file.getElements().add(e);
		file.getElements().add(n);
		List<ShapeProblem> problems = ShapeInference.of(file).problems();
		assertEquals(1, problems.size());
		assertEquals(ShapeInference.BAD_REFERENCE, problems.get(0).code());
		assertEquals("'e' is an experiment, not a network", problems.get(0).message());
		assertEquals(ref, problems.get(0).source());
	}

	@Test
	void denseAfterFeatureMapNeedsFlatten() {
		Volr.Checked bad = check("network n {\n    input [1, 28, 28]\n    dense 10\n}");
		bad.expectError(3, "dense 10 expects a vector", "feature map [1, 28, 28]", "flatten");
		check("network n {\n    input [1, 28, 28]\n    conv2d(2, kernel: 3)\n    dense 676 10\n}")
				.expectError(4, "dense 676 10 expects a vector", "[2, 26, 26]", "flatten");
		check("network n {\n    input [1, 28, 28]\n    flatten\n    dense 10\n}").expectClean();
	}

	@Test
	void convolutionAndPoolingRank() {
		check("network n {\n    input [10]\n    conv2d(4, kernel: 3)\n}")
				.expectError(3, "conv2d expects [channels, height, width]", "a vector of 10", "reshape");
		check("network n {\n    input [1, 28, 28]\n    conv1d(4, kernel: 3)\n}")
				.expectError(3, "conv1d expects [channels, length]", "[1, 28, 28]");
		check("network n {\n    input [4, 10]\n    maxpool 2\n}").expectError(3, "maxpool expects [channels, height, width]", "[4, 10]");
		check("network n {\n    input [4, 10, 10]\n    maxpool1d 2\n}").expectError(3, "maxpool1d expects [channels, length]");
		check("network n {\n    input [10]\n    globalavgpool\n}").expectError(3, "global pooling needs a feature map", "vector of 10");
		check("network n {\n    input [10]\n    reshape [1, 10]\n    conv1d(4, kernel: 3)\n    globalmaxpool\n}").expectClean();
	}

	@Test
	void kernelDoesNotFit() {
		check("network n {\n    input [1, 3, 3]\n    conv2d(4, kernel: 5)\n}")
				.expectError(3, "kernel 5 does not fit the input [1, 3, 3]", "padding: same");
		check("network n {\n    input [1, 5, 5]\n    conv2d(4, kernel: 3, dilation: 3)\n}").expectError(3, "kernel 3 (dilation 3) does not fit");
		check("network n {\n    input [1, 3, 3]\n    maxpool 4\n}").expectError(3, "maxpool 4 does not fit the input [1, 3, 3]");
		check("network n {\n    input [1, 3, 3]\n    conv2d(4, kernel: 5, padding: same)\n    maxpool(4, padding: same)\n}").expectClean();
		check("network n {\n    input [1, 3, 3]\n    conv2d(4, kernel: 5, padding: 1)\n}").expectClean();
	}

	@Test
	void reshapeSize() {
		check("network n {\n    input [10]\n    reshape [3, 3]\n}").expectError(3, "reshape [3, 3] holds 9 values", "input 10 has 10");
		check("network n {\n    input [10]\n    reshape [2, 5]\n}").expectClean();
		check("network n {\n    input [10]\n    reshape [0, 5]\n}").expectError(3, "reshape");
	}

	@Test
	void dropoutRate() {
		check("network n {\n    input [10]\n    dropout 1.5\n}").expectError(3, "dropout rate must be in [0, 1)", "1.5");
		check("network n {\n    input [10]\n    dropout 1\n}").expectError(3, "dropout rate", "got 1.0");
		check("network n {\n    input [10]\n    dropout -0.1\n}").expectError(3, "dropout rate", "-0.1");
		check("network n {\n    input [10]\n    dropout 0\n    dropout 0.5\n}").expectClean();
	}

	@Test
	void convolutionArguments() {
		check("network n {\n    input [1, 8, 8]\n    conv2d(kernel: 3)\n}").expectError(3, "conv2d needs the number of filters");
		check("network n {\n    input [1, 8, 8]\n    depthwise_conv2d(4, kernel: 3)\n}")
				.expectError(3, "depthwise_conv2d has one filter per input channel", "multiplier");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3, multiplier: 2)\n}")
				.expectError(3, "'multiplier:' only applies to depthwise_conv2d");
		check("network n {\n    input [1, 8, 8]\n    depthwise_conv2d(kernel: 3, multiplier: 0)\n}").expectError(3, "multiplier must be positive, got 0");
		check("network n {\n    input [1, 8, 8]\n    conv2d(0, kernel: 3)\n}").expectError(3, "at least one filter, got 0");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4)\n}").expectError(3, "conv2d needs a kernel size");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 0)\n}").expectError(3, "must be positive");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3, stride: 0)\n}").expectError(3, "must be positive");
		check("network n {\n    input [1, 8, 8]\n    depthwise_conv2d(kernel: 3, multiplier: 2)\n    conv2d(4, kernel: 3)\n}").expectClean();
	}

	@Test
	void kernelArity() {
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: [3, 3, 3])\n}").expectError(3, "kernel needs 1 or 2 values, got 3");
		check("network n {\n    input [1, 8]\n    conv1d(4, kernel: [3, 3])\n}").expectError(3, "kernel needs 1 or 1 values, got 2");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3, stride: [1, 1, 1])\n}").expectError(3, "stride needs 1 or 2 values, got 3");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3, dilation: [1, 1, 1])\n}").expectError(3, "dilation needs 1 or 2 values");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3, padding: [1, 1, 1])\n}").expectError(3, "padding needs 1 or 2 values");
		check("network n {\n    input [1, 8, 8]\n    maxpool [2, 2, 2]\n}").expectError(3, "pool size needs 1 or 2 values, got 3");
		check("network n {\n    input [1, 8, 8]\n    maxpool(2, stride: [1, 1, 1])\n}").expectError(3, "stride needs 1 or 2 values, got 3");
		check("network n {\n    input [1, 8, 8]\n    maxpool(0)\n}").expectError(3, "pool size and stride must be positive");
		check("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: [3, 3], stride: [1, 2])\n    maxpool([2, 1], stride: [2, 1])\n}").expectClean();
	}

	@Test
	void denseArguments() {
		check("network n {\n    input [4]\n    dense 0\n}").expectError(3, "at least one unit, got 0");
		check("network n =\n    dense 0 3\n").expectError(2, "at least one input, got 0");
	}

	@Test
	void unknownInputShape() {
		check("network n =\n    activation relu >> dense 3\n").expectError(1, "cannot infer the input shape of network 'n'", "input [");
		check("flatten >> dense 3").expectError(1, "cannot infer the input shape of the expression");
		check("network n (input [4]) =\n    activation relu >> dense 3\n").expectClean();
		check("network n {\n    input [0, 3]\n    flatten\n}").expectError(2, "input dimensions must be positive", "[0, 3]");
	}

	@Test
	void recursion() {
		Volr.Checked bad = check("network a = b\nnetwork b = a\n");
		bad.expectError(1, "'a' refers to itself (a → b → a); networks cannot be recursive");
		bad.expectError(2, "'b' refers to itself (b → a → b)");
		bad.expectNone("does not fit");
		check("network a = dense 2 2 >> a\n").expectError(1, "'a' refers to itself (a → a)", "recursive");
		check("network a = dense 2 2 >> b\nnetwork b = { identity } >> c\nnetwork c = a\n").expectError(1, "a → b → c → a");
		check("network a = dense 2 2\nnetwork b = a >> a\n").expectClean();
	}

	@Test
	void problemsInsideAReferenceAreReportedOnTheReference() {
		Volr.Checked bad = check("network a = dense 3 2\nnetwork b {\n    input [1, 4, 4]\n    flatten\n    a\n}\n");
		bad.expectError(5, "'a' does not fit here", "output 16", "input 3");
		check("network a = dense 16 2\nnetwork b {\n    input [1, 4, 4]\n    flatten\n    a\n}\n").expectClean();
	}

	@Test
	void emptyBlock() {
		check("network n {\n    input [4]\n}").expectError(2, "empty network");
		check("network n {\n    input [4]\n    dense 4 >> {\n    }\n}").expectError(3, "empty network");
		check("network n {\n    input [4]\n    dense 4 >> { identity }\n}").expectClean();
	}

	@Test
	void addShapes() {
		check("network n =\n    dense 4 3\n    + dense 4 2\n").expectError(3, "'+' adds outputs element-wise", "got 3 (branch 1) and 2 (branch 2)");
		check("network n =\n    dense 4 3\n    + dense 4 3\n").expectClean();
	}

	@Test
	void concatenationMismatch() {
		check("network n {\n    input [8, 28, 28]\n    { conv2d(4, kernel: 3) }\n    | { conv2d(4, kernel: 1) }\n}")
				.expectError(4, "cannot concatenate branch outputs [4, 26, 26] (branch 1) and [4, 28, 28] (branch 2)");
		check("network n {\n    input [8, 28, 28]\n    flatten\n    | { conv2d(4, kernel: 1) }\n}").expectError(4, "cannot concatenate");
		check("network n {\n    input [8, 28, 28]\n    { conv2d(4, kernel: 3, padding: same) }\n    | { conv2d(4, kernel: 1) }\n}").expectClean();
	}

	// =========================================================================================== layers

	@ParameterizedTest
	@CsvSource({ "dense 2 sigmoid, sigmoid", "dense 2 tanh, tanh", "activation sigmoid, sigmoid", "activation tanh, tanh" })
	void activationsWithoutSpikingEquivalent(String layer, String name) {
		check("network n {\n    input [4]\n    " + layer + "\n    dense 2\n}")
				.expectError(3, "activation '" + name + "' has no spiking equivalent", "relu");
		check("network n {\n    input [4]\n    dense 2 relu\n    dense 2 linear\n    activation relu\n}").expectClean();
	}

	@Test
	void hiddenSoftmax() {
		check("network n {\n    input [4]\n    dense 3 softmax\n    dense 2\n}").expectWarning(3, "softmax", "hidden layer");
		check("network n = dense 4 3 softmax >> dense 3 2\n").expectWarning(1, "softmax");
		check("network n = (dense 4 3 softmax | dense 4 3) >> dense 6 2\n").expectWarning(1, "softmax");
		check("network n {\n    input [4]\n    dense 3 relu\n    dense 2 softmax\n}").expectClean();
		check("network n = dense 4 3 >> dense 3 2 softmax\n").expectClean();
		check("network n = dense 4 3 >> (dense 3 2 softmax | dense 3 2 softmax)\n").expectClean();
	}

	@Test
	void batchNormEpsilon() {
		check("network n {\n    input [4]\n    batchnorm(epsilon: 0)\n}").expectError(3, "epsilon must be positive, got 0.0");
		check("network n {\n    input [4]\n    batchnorm(epsilon: 0.01)\n}").expectClean();
	}

	// =========================================================================================== names

	@Test
	void duplicateNames() {
		check("network x = dense 2 2\n\nnetwork x = dense 3 3\n").expectError(3, "'x' is defined twice (first on line 1)");
		check("network x = dense 2 2\nexperiment x {\n    network x\n    weights keras \"w.h5\"\n}\n").expectError(2, "'x' is defined twice");
		check("network x = dense 2 2\nnetwork y = dense 3 3\n").expectClean();
	}

	@Test
	void duplicateLayerLabels() {
		check("network n {\n    input [4]\n    fc: dense 3\n    fc: dense 2\n}").expectError(4, "label 'fc' is used twice", "'n'");
		check("network n {\n    input [4]\n    fc1: dense 3\n    fc2: dense 2\n}\nnetwork m {\n    input [4]\n    fc1: dense 2\n}").expectClean();
	}

	@Test
	void duplicateOptions() {
		check("network n {\n    input [1, 8, 8]\n    conv2d(6, 8, kernel: 3)\n}").expectError(3, "'filters' is given 2 times");
		check("network n {\n    input [1, 8, 8]\n    conv2d(6, kernel: 3,\n        padding: same, padding: valid)\n}").expectError(4, "'padding' is given 2 times");
		check(experiment("simulate { dt 1 ms,\n        dt 2 ms }")).expectError(6, "'dt' is given 2 times");
		check("network n = dense 2 2\nexperiment e {\n    network n\n    data idx \"d.idx\"\n    train { epochs 2, epochs 3 }\n}")
				.expectError(5, "'epochs' is given 2 times");
		check(experiment("seed 1\n    seed 2")).expectErrorOrSyntax(6);
		check(experiment("simulate { dt 1 ms, duration 2 ms }")).expectClean();
	}

	// =========================================================================================== experiments

	/** An experiment whose fifth line is the given clause; clean on its own. */
	static String experiment(String clause) {
		return "network n = dense 2 2\nexperiment e {\n    network n\n    weights keras \"w.h5\"\n    " + clause + "\n}\n";
	}

	@Test
	void baseExperimentIsClean() {
		check(experiment("seed 1")).expectClean();
	}

	@Test
	void experimentWithoutNetwork() {
		check("network n = dense 2 2\nexperiment e {\n    weights keras \"w.h5\"\n}\n").expectError(2, "experiment 'e' names no network", "network <name>");
	}

	@Test
	void experimentWithoutWeights() {
		Volr.Checked c = check("network n = dense 2 2\nexperiment e {\n    network n\n}\n");
		c.expectWarning(2, "experiment 'e' has no weights");
		c.expectNoErrors();
	}

	@Test
	void trainingWithoutData() {
		check("network n = dense 2 2\nexperiment e {\n    network n\n    train { epochs 1 }\n}\n").expectError(4, "training needs data");
		check("network n = dense 2 2\nexperiment e {\n    network n\n    train { epochs 1, data idx \"d.idx\" }\n}\n").expectClean();
		check("network n = dense 2 2\nexperiment e {\n    network n\n    train { epochs 1 }\n    data idx \"d.idx\"\n}\n").expectClean();
	}

	@Test
	void trainingValues() {
		String base = "network n = dense 2 2\nexperiment e {\n    network n\n    data idx \"d.idx\"\n    train {\n        %s\n    }\n}\n";
		check(base.formatted("epochs 0")).expectError(6, "epochs must be positive, got 0");
		check(base.formatted("batch 0")).expectError(6, "batch must be positive, got 0");
		check(base.formatted("learning_rate 0")).expectError(6, "learning rate must be positive, got 0.0");
		check(base.formatted("optimizer sgd -0.5")).expectError(6, "learning rate must be positive, got -0.5");
		check(base.formatted("epochs 3, batch 32, optimizer adam 0.001")).expectClean();
	}

	@Test
	void learningRateSchedule() {
		String base = "network n = dense 2 2\nexperiment e {\n    network n\n    data idx \"d.idx\"\n    train {\n        %s\n    }\n}\n";
		check(base.formatted("epochs 3, learning_rate 0.01, schedule cosine")).expectClean();
		check(base.formatted("epochs 1, schedule constant")).expectClean();
		Volr.Checked one = check(base.formatted("epochs 1, learning_rate 0.01, schedule cosine"));
		one.expectWarning(6, "schedule cosine changes the learning rate from epoch to epoch; with one epoch it stays at 0.01");
		one.expectNoErrors();
		// the default of epochs is 1 too
		check(base.formatted("schedule cosine")).expectWarning(6, "with one epoch it stays at 0.001");
	}

	@Test
	void dataLimitAndScale() {
		check(experiment("data idx \"d.idx\" limit 0")).expectError(5, "limit must be positive, got 0");
		check(experiment("data idx \"d.idx\" scale 0")).expectError(5, "scale must be positive, got 0.0");
		check(experiment("data idx \"d.idx\" scale -2")).expectError(5, "scale must be positive, got -2.0");
		check(experiment("data idx \"d.idx\" limit 10 scale 0.00392")).expectClean();
	}

	@Test
	void dataStandardisation() {
		check(experiment("data idx \"d.idx\" mean 0.1307 std 0.3081")).expectClean();
		check(experiment("data idx \"d.idx\" std [0.5, 0]")).expectError(5, "std must be positive, got 0.0");
		check(experiment("data idx \"d.idx\" mean [0.1, 0.2] std [0.5, 0.5, 0.5]"))
				.expectError(5, "mean has 2 values but std has 3; give one value, or one per channel, to each");
		String images = "network c {\n    input [3, 8, 8]\n    flatten\n    dense 10\n}\nexperiment e {\n    network c\n"
				+ "    weights keras \"w.h5\"\n    data images \"d.idx\" %s\n}\n";
		check(images.formatted("mean [0.49, 0.48, 0.45] std [0.25, 0.24, 0.26]")).expectClean();
		check(images.formatted("mean [0.49, 0.48, 0.45] std 0.25")).expectClean();
		check(images.formatted("mean [0.49, 0.48] std 0.25"))
				.expectError(9, "mean has 2 values but network 'c' takes 3 channels [3, 8, 8]; give one value, or one per channel");
	}

	@Test
	void missingFiles() {
		Volr.Checked c = check(experiment("data idx \"nothere.idx\""));
		c.expectWarning(5, "'nothere.idx' does not exist", Volr.tempDir().resolve("nothere.idx").toString());
		c.expectNoErrors();
		check("network n = dense 2 2\nexperiment e {\n    network n\n    weights onnx \"missing.onnx\"\n}\n")
				.expectWarning(4, "'missing.onnx' does not exist");
		check(experiment("data idx \"\"")).expectError(5, "empty path");
		check(experiment("data idx \"" + Volr.tempDir().resolve("d.idx") + "\"")).expectClean();
	}

	@Test
	void conversionPercentileAndSamples() {
		check(experiment("convert { normalize percentile 101 }")).expectError(5, "percentile must be in (0, 100]", "101.0");
		check(experiment("convert { normalize percentile 0 }")).expectError(5, "percentile must be in (0, 100]", "got 0.0");
		check(experiment("convert { samples 0 }")).expectError(5, "samples must be positive, got 0");
		check(experiment("convert { normalize percentile 100, samples 10 }")).expectClean();
	}

	@Test
	void neuronParameters() {
		check(experiment("neuron LIF { tau_x 20 ms }")).expectError(5, "'tau_x' is not a parameter of LIF",
				"expected one of v_thresh, v_reset, tau_refrac, v_min, tau_m, v_rest");
		check(experiment("neuron IF { tau_m 20 ms }")).expectError(5, "'tau_m' is not a parameter of IF",
				"expected one of v_thresh, v_reset, tau_refrac, v_min");
		check(experiment("neuron LIF { tau_m 20 mV }")).expectError(5, "tau_m expects a time (s, ms, us), got '20 mV', which is a voltage");
		check(experiment("neuron LIF { tau_m 20 }")).expectError(5, "tau_m needs a unit", "a time", "'20 ms'");
		check(experiment("neuron LIF { tau_m 20 parsec }")).expectError(5, "unknown unit 'parsec' for tau_m", "s, ms, us");
		check(experiment("neuron LIF { tau_refrac -1 ms }")).expectError(5, "tau_refrac must not be negative, got -1.0");
		check(experiment("neuron LIF { tau_m 0 ms }")).expectError(5, "tau_m must be positive, got 0.0");
		// PyNN's cm and i_offset have no meaning in units of the threshold: refused, saying what to write instead
		check(experiment("neuron CubaLIF { i_offset 0.1 nA }")).expectError(5, "i_offset: a constant input current is not a parameter here",
				"give the layers a bias");
		check(experiment("neuron LIF { cm 250 pF }")).expectError(5, "cm: the membrane capacitance is not a parameter here", "remove it");
		check(experiment("neuron CubaLIF { tau_m 20 ms, v_thresh 1, v_reset -65 mV, tau_syn_E 5 ms, tau_syn_I 0.005 s, "
				+ "tau_refrac 0 ms, v_rest -65 mV, v_min -1 }")).expectClean();
		check(experiment("neuron IF { v_thresh 1, v_reset 0 }")).expectClean();
		check(experiment("neuron CubaLIF { tau_syn_E 5 ms, tau_syn_I 4 ms }")).expectError(5, "tau_syn_I must equal tau_syn_E");
		check(experiment("neuron CobaLIF { tau_m 20 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 4, e_rev_I -1 }")).expectClean();
		check(experiment("neuron CobaLIF { e_rev_E 0.5 }")).expectError(5, "e_rev_E must lie above v_thresh");
		check(experiment("neuron CobaLIF { e_rev_I 0.2 }")).expectError(5, "e_rev_I must lie below v_rest");
		check(experiment("neuron LIF { e_rev_E 4 }")).expectError(5, "'e_rev_E' is not a parameter of LIF");
	}

	@Test
	void neuronModelsAreThoseRegistered() {
		// models are plug-ins, not keywords: a name the registry does not know is refused with the names it knows
		check(experiment("neuron Izhikevich { tau_m 20 ms }")).expectError(5, "unknown neuron model 'Izhikevich'",
				"expected one of IF, LIF, CubaLIF, CobaLIF");
		check(experiment("neuron lif")).expectError(5, "unknown neuron model 'lif'");
		check(experiment("neuron CobaLIF")).expectClean();
		// a model added as one class and its registration is checked by its own rules, with no edit to the checker
		check(experiment("neuron AdaptiveLIF { tau_m 20 ms, tau_adapt 200 ms, beta 0.5 }")).expectClean();
		check(experiment("neuron AdaptiveLIF { tau_adapt 0 ms }")).expectError(5, "tau_adapt must be positive");
		check(experiment("neuron AdaptiveLIF { beta -0.5 }")).expectError(5, "beta must be zero or positive");
		check(experiment("neuron AdaptiveLIF { tau_syn_E 5 ms }")).expectError(5, "'tau_syn_E' is not a parameter of AdaptiveLIF",
				"tau_adapt, beta");
	}

	@Test
	void simulationUnits() {
		check(experiment("simulate { duration 100 Hz }")).expectError(5, "duration expects a time", "'100 Hz'");
		check(experiment("simulate { duration 100 }")).expectError(5, "duration expects a time", "'100'");
		check(experiment("simulate { duration 0 ms }")).expectError(5, "duration must be positive, got 0.0");
		check(experiment("simulate { dt 1 steps }")).expectError(5, "dt expects a time", "'1 steps'", "a number of time steps");
		check(experiment("simulate { dt 1 }")).expectError(5, "dt needs a unit");
		check(experiment("simulate { dt 0 ms }")).expectError(5, "dt must be positive, got 0.0");
		check(experiment("simulate { batch 0 }")).expectError(5, "batch must be positive, got 0");
		check(experiment("simulate { duration 300 steps }")).expectClean();
		check(experiment("simulate { duration 1 s, dt 0.1 ms, batch 10 }")).expectClean();
	}

	/** A network with labelled layers (fc1, flat, fc2) and an experiment whose tenth line is the given clause. */
	static String labelled(String clause) {
		return "network n {\n    input [4]\n    fc1: dense 3 relu\n    flat: flatten\n    fc2: dense 2\n}\nexperiment e {\n    network n\n"
				+ "    weights keras \"w.h5\"\n    " + clause + "\n}\n";
	}

	@Test
	void inisimOptionsAreClean() {
		check(labelled("simulate { bias_relaxation, payloads, clip [-3, 3], clip fc2 [-1, 2], clamp 4, clamp fc2 10, clamp fc1 0,"
				+ " adaptive_threshold }")).expectClean();
		check(labelled("simulate { payloads }\n    convert { reset zero }\n    neuron CubaLIF")).expectClean();
	}

	@Test
	void membraneClipErrors() {
		check(labelled("simulate { clip [3, -3] }")).expectError(10, "clip needs its lower bound below its upper bound, got [3, -3]");
		check(labelled("simulate { clip fc2 [1, 1] }")).expectError(10, "clip needs its lower bound below its upper bound, got [1, 1]");
		check(labelled("simulate { clamp 2,\n        clip fc9 [0, 1] }")).expectError(11, "clip: network 'n' has no layer labelled 'fc9'",
				"its labels are fc1, flat, fc2");
		check(labelled("simulate { clip flat [0, 1] }")).expectError(10, "clip: layer 'flat' (flatten) has no neurons",
				"dense, convolution, average and sum pooling");
		check(labelled("simulate { clip [-1, 1],\n        clip [-2, 2] }")).expectError(11, "clip for all layers is given twice");
		check(labelled("simulate { clip fc1 [-1, 1], clip fc2 [-1, 1],\n        clip fc1 [-2, 2] }")).expectError(11,
				"clip of layer 'fc1' is given twice");
	}

	@Test
	void layerClampErrors() {
		check(labelled("simulate { clamp fc2 -1 }")).expectError(10, "clamp steps must not be negative, got -1");
		check(labelled("simulate { batch 4,\n        clamp dense1 3 }")).expectError(11, "clamp: network 'n' has no layer labelled 'dense1'");
		check(labelled("simulate { clamp flat 3 }")).expectError(10, "clamp: layer 'flat' (flatten) has no neurons");
		check(labelled("simulate { clamp fc2 1,\n        clamp fc2 2 }")).expectError(11, "clamp of layer 'fc2' is given twice");
		check(experiment("simulate { clamp fc 3 }")).expectError(5, "network 'n' has no layer labelled 'fc'", "label a layer ('fc2: dense 10')");
	}

	@Test
	void payloadsWithResetModuloOrCobaLif() {
		check(labelled("simulate { batch 4,\n        payloads }\n    convert { reset modulo }")).expectError(11,
				"payloads reset the membrane to zero", "cannot be combined with reset modulo");
		check(labelled("simulate { payloads }\n    neuron CobaLIF")).expectError(10, "payloads need IF, LIF or CubaLIF neurons");
	}

	@Test
	void inputEncodingRate() {
		check(experiment("simulate { input poisson }")).expectError(5, "poisson input needs a maximum rate", "1000 Hz");
		check(experiment("simulate { input poisson 100 ms }")).expectError(5, "the poisson rate expects a frequency (Hz, kHz)", "'100 ms'");
		check(experiment("simulate { input poisson 100 }")).expectError(5, "the poisson rate needs a unit");
		check(experiment("simulate { input poisson 0 Hz }")).expectError(5, "the poisson rate must be positive");
		check(experiment("simulate { input constant 100 Hz }")).expectError(5, "'constant' input takes no rate");
		check(experiment("simulate { input events 1 kHz }")).expectError(5, "'events' input takes no rate");
		check(experiment("simulate { input poisson 1 kHz }")).expectClean();
		check(experiment("simulate { input constant }")).expectClean();
	}

	@Test
	void targets() {
		check(experiment("targets nir,\n        loihi")).expectError(6, "unknown target 'loihi'", "expected one of brian2, lava, nir, pynn, spinnaker");
		check(experiment("targets nir(fast)")).expectError(5, "nir has no option 'fast'; it takes none");
		check(experiment("targets pynn(speed: 1)")).expectError(5, "pynn has no option 'speed'; expected one of backend");
		check(experiment("targets brian2(standalone: yes)")).expectError(5, "'standalone' is a flag and takes no value");
		check(experiment("targets pynn(backend)")).expectError(5, "'backend' needs a value");
		check(experiment("targets pynn(backend: loihi)")).expectError(5, "'loihi' is not a backend of pynn", "brian2, nest, neuron, spinnaker");
		check(experiment("targets nir, pynn(backend: spinnaker), brian2(runtime), spinnaker(neurons_per_core: 255), lava(bits: 8)")).expectClean();
		check(experiment("targets pynn(backend: neuron), brian2(standalone)")).expectClean();
	}

	// =========================================================================================== thesis programs

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"parallel-inputs.volr; 1; 14; Parallel networks must share input sizes, got 2|and 3",
			"parallel-output.volr; 1; 78; 'o' does not fit here|Incompatible network sizes|output 8|input 4",
			"sequential-mismatch.volr; 1; 19; Incompatible network sizes: output 4 should be equal to input 3",
			"unknown-reference.volr; 1; 22; Unknown reference 'y'" })
	void thesisTypeErrors(String file, int line, int column, String fragments) {
		Path path = Volr.testdata().resolve("thesis-type-errors").resolve(file);
		assertTrue(Files.exists(path), path + " exists");
		Volr.Checked c = Volr.check(path);
		assertEquals(1, c.errors().size(), () -> "exactly one error in " + file + ":\n" + Volr.describe(c.diagnostics()));
		Diagnostic d = c.expectError(line, fragments.split("\\|"));
		assertEquals(column, d.column(), d.toString());
		assertEquals(path, d.file());
		assertTrue(d.toString().startsWith(path + ":" + line + ":" + column + ": error: "), d.toString());
	}

	@Test
	void everyThesisTypeErrorFileIsCovered() {
		assertEquals(List.of("parallel-inputs.volr", "parallel-output.volr", "sequential-mismatch.volr", "unknown-reference.volr"),
				Volr.volrFiles(Volr.testdata().resolve("thesis-type-errors")).stream().map(p -> p.getFileName().toString()).toList());
	}

	@Test
	void diagnosticsAreSortedAndUnreadableFilesAreDiagnostics() throws IOException {
		Volr.Checked c = check("network a = dense 2 3 >> dense 4 2\nnetwork b = dense 2 sigmoid >> nope\n");
		List<Integer> lines = c.diagnostics().stream().map(Diagnostic::line).toList();
		assertEquals(lines.stream().sorted().toList(), lines);
		assertTrue(c.errors().size() >= 3, c.diagnostics().toString());
		Path missing = Volr.tempDir().resolve("does-not-exist.volr");
		List<Diagnostic> d = Volr.LANG.check(List.of(missing));
		assertEquals(1, d.size());
		assertEquals("no such file", d.get(0).message());
		Path binary = Volr.tempDir().resolve("binary.volr");
		Files.write(binary, new byte[] { 'n', (byte) 0xff, (byte) 0xfe, 0 });
		List<Diagnostic> b = Volr.LANG.check(List.of(binary));
		assertEquals(Severity.ERROR, b.get(0).severity());
		assertTrue(b.get(0).message().contains("UTF-8"), b.toString());
		assertNull(Volr.LANG.workspace().model(missing));
	}
}
