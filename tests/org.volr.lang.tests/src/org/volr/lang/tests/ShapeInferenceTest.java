package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Block;
import org.volr.model.Element;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.Parallel;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;

/** Inferred types: the thesis' typing rules, convolution and pooling arithmetic, Keras' parameter counts. */
class ShapeInferenceTest {

	static Network network(VolrFile file, String name) {
		for (Element e : file.getElements())
			if (e instanceof Network n && name.equals(n.getName()))
				return n;
		throw new AssertionError("no network " + name);
	}

	static List<NetExpr> steps(Network n) {
		return assertInstanceOf(Sequence.class, n.getBody()).getSteps();
	}

	/** The output shapes of the steps of a single block network, as text. */
	static List<String> outputs(String text) {
		Volr.Checked c = Volr.check(text);
		c.expectNoErrors();
		Network n = (Network) c.model().getElements().get(0);
		ShapeInference inf = ShapeInference.of(c.model());
		return steps(n).stream().map(s -> String.valueOf(inf.typeOf(s).out())).toList();
	}

	static String out(String input, String layers) {
		List<String> outs = outputs("network x {\n input " + input + "\n " + layers + "\n}");
		return outs.get(outs.size() - 1);
	}

	@Test
	void lenet5FromTheExamples() {
		Path file = Volr.examples().resolve("fmnist-cnn/fmnist-cnn.volr");
		Volr.Checked c = Volr.check(file);
		c.expectClean();
		Network lenet = network(c.model(), "lenet5");
		ShapeInference inf = ShapeInference.of(c.model());
		List<NetExpr> s = steps(lenet);
		assertEquals(List.of("[6, 28, 28]", "[6, 14, 14]", "[16, 10, 10]", "[16, 5, 5]", "400", "120", "84", "10"),
				s.stream().map(e -> String.valueOf(inf.typeOf(e).out())).toList());
		assertEquals(TensorShape.of(6, 28, 28), inf.typeOf(s.get(0)).out());
		assertEquals(TensorShape.of(16, 5, 5), inf.typeOf(s.get(3)).out());
		assertEquals(TensorShape.vector(400), inf.typeOf(s.get(4)).out());
		assertEquals(new NetType(TensorShape.of(1, 28, 28), TensorShape.vector(10)), inf.typeOf(lenet));
		// Keras: Conv2D(6, 5) on 1 channel has 6*5*5*1 + 6 = 156 parameters, Dense(400 -> 120) 48120, ...
		assertEquals(156, inf.parameters(s.get(0)));
		assertEquals(0, inf.parameters(s.get(1)));
		assertEquals(2416, inf.parameters(s.get(2)));
		assertEquals(48120, inf.parameters(s.get(5)));
		assertEquals(10164, inf.parameters(s.get(6)));
		assertEquals(850, inf.parameters(s.get(7)));
		assertEquals(61706, inf.totalParameters(lenet));
	}

	@Test
	void mlpFromTheExamples() {
		Volr.Checked c = Volr.check(Volr.examples().resolve("mnist-mlp/mnist-mlp.volr"));
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		Network mlp = network(c.model(), "mlp");
		assertEquals("net [1, 28, 28] 10", inf.typeOf(mlp).toString());
		assertEquals(784 * 500 + 500 + 500 * 500 + 500 + 5010, inf.totalParameters(mlp));
		assertEquals("net 784 10", inf.typeOf(network(c.model(), "mlp_calculus")).toString());
	}

	@ParameterizedTest(name = "{1} on {0} -> {2}")
	@CsvSource(delimiter = ';', value = {
			"[3, 32, 32]; conv2d(8, kernel: 3); [8, 30, 30]",
			"[3, 32, 32]; conv2d(8, kernel: 3, stride: 2); [8, 15, 15]",
			"[3, 32, 32]; conv2d(8, kernel: 3, stride: 2, padding: 1); [8, 16, 16]",
			"[3, 32, 32]; conv2d(8, kernel: 3, padding: same); [8, 32, 32]",
			"[3, 32, 32]; conv2d(8, kernel: 3, stride: 2, padding: same); [8, 16, 16]",
			"[3, 31, 31]; conv2d(8, kernel: 3, stride: 2, padding: same); [8, 16, 16]",
			"[3, 32, 32]; conv2d(8, kernel: 3, padding: valid); [8, 30, 30]",
			"[3, 32, 32]; conv2d(8, kernel: 3, dilation: 2); [8, 28, 28]",
			"[3, 32, 32]; conv2d(8, kernel: [3, 5]); [8, 30, 28]",
			"[3, 32, 20]; conv2d(8, kernel: [3, 5], stride: [1, 2], padding: [1, 2]); [8, 32, 10]",
			"[3, 32, 32]; conv2d(8, kernel: 32); [8, 1, 1]",
			"[3, 32, 32]; depthwise_conv2d(kernel: 3); [3, 30, 30]",
			"[3, 32, 32]; depthwise_conv2d(kernel: 3, multiplier: 2); [6, 30, 30]",
			"[2, 100]; conv1d(4, kernel: 5); [4, 96]",
			"[2, 100]; conv1d(4, kernel: 5, stride: 5); [4, 20]",
			"[2, 100]; conv1d(4, kernel: 3, padding: same); [4, 100]",
			"[6, 28, 28]; maxpool 2; [6, 14, 14]",
			"[6, 28, 28]; avgpool 2; [6, 14, 14]",
			"[6, 27, 27]; maxpool 2; [6, 13, 13]",
			"[6, 28, 28]; maxpool(3, stride: 2); [6, 13, 13]",
			"[6, 28, 28]; maxpool(3, stride: 1, padding: same); [6, 28, 28]",
			"[6, 27, 27]; maxpool(2, padding: same); [6, 14, 14]",
			"[1, 6, 9]; avgpool [2, 3]; [1, 3, 3]",
			"[1, 6, 9]; avgpool([2, 3], stride: [2, 1]); [1, 3, 7]",
			"[4, 96]; maxpool1d 2; [4, 48]",
			"[4, 96]; avgpool1d(4, stride: 2); [4, 47]",
			"[16, 5, 5]; globalavgpool; 16",
			"[16, 5, 5]; globalmaxpool; 16",
			"[4, 10]; globalavgpool; 4",
			"[16, 5, 5]; flatten; 400",
			"[400]; reshape [16, 5, 5]; [16, 5, 5]",
			"[16, 5, 5]; reshape [400]; 400",
			"[16, 5, 5]; batchnorm; [16, 5, 5]",
			"[16, 5, 5]; dropout 0.25; [16, 5, 5]",
			"[16, 5, 5]; activation relu; [16, 5, 5]",
			"[16, 5, 5]; identity; [16, 5, 5]",
			"[10]; dense 3; 3",
	})
	void layerArithmetic(String input, String layer, String expected) {
		assertEquals(expected, out(input, layer));
	}

	@ParameterizedTest
	@CsvSource({ "100, 3, 1, 1, 0, false, 98", "100, 3, 2, 1, 0, false, 49", "100, 3, 2, 1, 1, false, 50",
			"100, 3, 1, 4, 0, false, 92", "100, 3, 3, 1, 0, true, 34", "5, 7, 1, 1, 0, false, 0", "5, 7, 1, 1, 1, false, 1" })
	void outputSizeFormula(int size, int k, int s, int d, int p, boolean same, int expected) {
		assertEquals(expected, ShapeInference.outputSize(size, k, s, d, p, same));
	}

	@Test
	void depthwiseAndBatchNormParameters() {
		Volr.Checked c = Volr.check("network x {\n input [3, 32, 32]\n depthwise_conv2d(kernel: 3, multiplier: 2)\n batchnorm\n conv1d_free: identity\n}".replace(" conv1d_free: identity\n", ""));
		c.expectNoErrors();
		ShapeInference inf = ShapeInference.of(c.model());
		List<NetExpr> s = steps((Network) c.model().getElements().get(0));
		assertEquals(3 * 3 * 3 * 2 + 6, inf.parameters(s.get(0))); // Keras DepthwiseConv2D(3, depth_multiplier=2)
		assertEquals(4 * 6, inf.parameters(s.get(1))); // BatchNormalization: gamma, beta, mean, variance
		Volr.Checked one = Volr.check("network x {\n input [2, 100]\n conv1d(4, kernel: 5)\n}");
		assertEquals(4 * 5 * 2 + 4, ShapeInference.of(one.model()).totalParameters(one.model()));
	}

	@Test
	void parallelConcatenatesVectors() {
		Volr.Checked c = Volr.check("dense 100 20 ⦶ (dense 20 10 ⊖ dense 20 7) ⦶ dense 17 10");
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		Sequence seq = (Sequence) c.model().getMain();
		assertEquals("net 20 17", inf.typeOf(seq.getSteps().get(1)).toString());
		assertEquals("net 100 10", inf.typeOf(seq).toString());
	}

	@Test
	void parallelConcatenatesFeatureMapsOnTheChannelAxis() {
		Volr.Checked c = Volr.check(Volr.examples().resolve("parallel-mnist/parallel-mnist.volr"));
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		Network inception = network(c.model(), "inception");
		List<NetExpr> s = steps(inception);
		Parallel par = assertInstanceOf(Parallel.class, s.get(1));
		assertEquals("net [8, 28, 28] [4, 28, 28]", inf.typeOf(par.getBranches().get(0)).toString());
		assertEquals("net [8, 28, 28] [8, 28, 28]", inf.typeOf(par.getBranches().get(2)).toString());
		assertEquals("net [8, 28, 28] [16, 28, 28]", inf.typeOf(par).toString());
		assertEquals("16", inf.typeOf(s.get(2)).out().toString());
		assertEquals("net [1, 28, 28] 10", inf.typeOf(inception).toString());
		assertEquals("net 100 10", inf.typeOf(network(c.model(), "parallel_mnist")).toString());
	}

	@Test
	void addKeepsTheShape() {
		assertEquals("[4, 28, 28]", out("[8, 28, 28]", "{ conv2d(4, kernel: 3, padding: same) } + { conv2d(4, kernel: 1) relu }"));
		assertEquals("[8, 28, 28]", out("[8, 28, 28]", "identity + { conv2d(8, kernel: 3, padding: 1) }"));
		Volr.Checked c = Volr.check("dense 4 3 + dense 4 3");
		c.expectClean();
		assertEquals("net 4 3", ShapeInference.of(c.model()).typeOf(c.model().getMain()).toString());
	}

	@Test
	void letAndReferences() {
		Volr.Checked c = Volr.check("let s = dense 2 4 in s ⦶ dense 4 1");
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		Let let = (Let) c.model().getMain();
		assertEquals("net 2 1", inf.typeOf(let).toString());
		assertEquals("net 2 4", inf.typeOf(let.getValue()).toString());
		assertEquals("net 2 4", inf.typeOf(((Sequence) let.getBody()).getSteps().get(0)).toString());
		// a binding that does not fix its size takes the size of each place it is used at
		Volr.Checked poly = Volr.check("network x {\n input [6]\n let r = activation relu in r >> dense 3 >> r\n}");
		poly.expectClean();
		assertEquals("net 6 3", ShapeInference.of(poly.model()).typeOf((Network) poly.model().getElements().get(0)).toString());
		// Ref and Let of volrc
		Volr.Checked prefix = Volr.check("Let x = Net 2 2 in Seq (Ref x) (Ref x)");
		prefix.expectClean();
		assertEquals("net 2 2", ShapeInference.of(prefix.model()).typeOf(prefix.model().getMain()).toString());
	}

	@Test
	void referencesToOtherNetworks() {
		Volr.Checked c = Volr.check("""
				network features {
				    input [1, 28, 28]
				    conv2d(4, kernel: 3) relu
				    flatten
				}
				network classifier = dense 2704 10 softmax
				network whole = features >> classifier
				network twice = dense 2 2 >> { dense 2 relu } >> whole2
				network whole2 = dense 2 2
				""");
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		assertEquals("net [1, 28, 28] 2704", inf.typeOf(network(c.model(), "features")).toString());
		assertEquals("net [1, 28, 28] 10", inf.typeOf(network(c.model(), "whole")).toString());
		assertEquals("net 2 2", inf.typeOf(network(c.model(), "twice")).toString(), "a network declared later");
		// ShapeInference of one network infers what it references
		assertEquals("net [1, 28, 28] 10", ShapeInference.of(network(c.model(), "whole")).typeOf(network(c.model(), "whole")).toString());
	}

	@Test
	void referencesAcrossFiles() {
		VolrLanguage.Workspace ws = Volr.LANG.workspace();
		Path a = Volr.tempDir().resolve("xa.volr"), b = Volr.tempDir().resolve("xb.volr");
		ws.add(a, "network encoder {\n input [2]\n dense 4 relu\n}\n");
		ws.add(b, "network model = encoder >> dense 4 1\n");
		assertEquals(List.of(), ws.check());
		Network model = (Network) ws.model(b).getElements().get(0);
		assertEquals("net 2 1", ShapeInference.of(model).typeOf(model).toString());
	}

	// ---- the typing rules of the thesis (chapter 4): e3 dense, e4 sequence, e5 parallel, e6 let

	@Test
	void thesisRuleE3NetHasTypeNetNM() {
		for (int[] nm : new int[][] { { 1, 1 }, { 2, 4 }, { 784, 500 } }) {
			VolrFile f = Volr.check("dense " + nm[0] + " " + nm[1]).model();
			assertEquals(new NetType(TensorShape.vector(nm[0]), TensorShape.vector(nm[1])), ShapeInference.of(f).typeOf(f.getMain()));
		}
	}

	@Test
	void thesisRuleE4SequenceComposesWhenSizesMeet() {
		VolrFile f = Volr.check("dense 3 5 ⦶ dense 5 7 ⦶ dense 7 2").model();
		assertEquals("net 3 2", ShapeInference.of(f).typeOf(f.getMain()).toString());
		VolrFile bad = Volr.check("dense 3 5 ⦶ dense 6 2").model();
		assertTrue(ShapeInference.of(bad).problems().stream().anyMatch(p -> p.code().equals(ShapeInference.SIZE_MISMATCH)));
	}

	@Test
	void thesisRuleE5ParallelSharesInputAndAddsOutputs() {
		VolrFile f = Volr.check("dense 3 5 ⊖ dense 3 7").model();
		assertEquals("net 3 12", ShapeInference.of(f).typeOf(f.getMain()).toString());
		VolrFile bad = Volr.check("dense 3 5 ⊖ dense 4 7").model();
		ShapeInference inf = ShapeInference.of(bad);
		assertNull(inf.typeOf(bad.getMain()));
		assertEquals(List.of(ShapeInference.PARALLEL_INPUTS), inf.problems().stream().map(p -> p.code()).toList());
	}

	@Test
	void thesisRuleE6LetTypesTheBodyWithTheBinding() {
		VolrFile f = Volr.check("let l1 = dense 2 4 in let l2 = dense 2 4 in let o = dense 8 1 in (l1 ⊖ l2) ⦶ o").model();
		assertEquals("net 2 1", ShapeInference.of(f).typeOf(f.getMain()).toString());
		assertEquals(List.of(), ShapeInference.of(f).problems());
	}

	@Test
	void blockInsideCalculus() {
		Volr.Checked c = Volr.check("dense 4 8 >> { dense 3 relu  dense 2 }");
		c.expectClean();
		ShapeInference inf = ShapeInference.of(c.model());
		Block block = (Block) ((Sequence) c.model().getMain()).getSteps().get(1);
		assertEquals("net 8 2", inf.typeOf(block).toString());
		EObject main = c.model().getMain();
		assertEquals("net 4 2", inf.typeOf(main).toString());
	}
}
