package org.volr.net.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;
import org.volr.net.Activation;
import org.volr.net.DelayedEdge;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;
import org.volr.net.Window;

/** The one lowering from a .volr network to the resolved network: keys, shapes, windows, edges. */
class NetworkResolverTest {
	static ResolvedNetwork resolve(String text) throws ResolveException {
		VolrFile file = VolrLanguage.create().parse(text);
		return NetworkResolver.resolve((Network) file.getElements().get(0));
	}

	@Test
	void layersAreNumberedAsWrittenAndNamedByLabelOrPosition() throws ResolveException {
		ResolvedNetwork n = resolve("network lenet { input [1, 28, 28]  c1: conv2d(6, kernel: 5, padding: same) relu  avgpool 2"
				+ "  conv2d(16, kernel: 5)  flatten  f5: dense 120  out: dense 10 softmax }");
		assertEquals(List.of("c1", "layer2", "layer3", "layer4", "f5", "out"), n.layers().stream().map(NetLayer::key).toList());
		assertEquals("layer3.weight", n.layer(2).weightKey());
		assertArrayEquals(new int[] { 1, 28, 28 }, n.inputShape());
		assertArrayEquals(new int[] { 6, 28, 28 }, n.layer(0).outShape());
		assertArrayEquals(new int[] { 16, 10, 10 }, n.layer(2).outShape());
		assertArrayEquals(new int[] { 1600 }, n.layer(3).outShape());
		assertArrayEquals(new int[] { 6, 1, 5, 5 }, n.layer(0).weightShape());
		assertArrayEquals(new int[] { 1600, 120 }, n.layer(4).weightShape());
		assertArrayEquals(new int[] { 120 }, n.layer(4).biasShape());
		assertNull(n.layer(1).weightShape());
		assertTrue(n.isChain());
		assertEquals(List.of(new Source(5, 0)), n.output());
	}

	@Test
	void aRecurrentLayerIsAnEdgeOntoItselfOneStepLateWithWeightsOfItsOwn() throws ResolveException {
		ResolvedNetwork n = resolve("network r { input [5]  lif1: dense 4 relu recurrent  dense 3 }");
		assertEquals(List.of(new DelayedEdge(0, 0, 1, "lif1.weight_rec")), n.delayed());
		assertTrue(n.delayed().get(0).recurrent());
		assertEquals(n.delayed(), n.delayedInto(0));
		assertTrue(n.delayedInto(1).isEmpty());
		assertArrayEquals(new int[] { 4, 4 }, n.weightShape(n.delayed().get(0)), "[units_from, units_to]");
		assertArrayEquals(new int[] { 5, 4 }, n.layer(0).weightShape(), "the feed-forward weights as before");
		assertEquals("recurrent layer 'lif1': no ANN", n.delayedEdgeRefusal("no ANN"));
		assertTrue(n.isChain(), "the delayed edge is no source: the layers still form a chain");
		// the calculus form, unlabelled: named by position
		ResolvedNetwork c = resolve("network c = dense 5 4 >> dense 4 3 recurrent");
		assertEquals(List.of(new DelayedEdge(1, 1, 1, "layer2.weight_rec")), c.delayed());
		assertEquals("recurrent layer 2 (dense): x", c.delayedEdgeRefusal("x"));
		assertNull(resolve("network f = dense 5 4").delayedEdgeRefusal("x"), "a feed-forward network has no delayed edge");
		assertThrows(IllegalArgumentException.class, () -> new DelayedEdge(0, 0, 0, "k"), "a cycle within one step has no order");
	}

	@Test
	void denseAndConvolutionLayersApplyReluUnlessWrittenOtherwise() throws ResolveException {
		ResolvedNetwork n = resolve("network a { input [1, 4, 4]  conv2d(2, kernel: 3)  maxpool 2  flatten  dense 3 linear  activation softmax }");
		assertEquals(Activation.RELU, n.layer(0).activation());
		assertNull(n.layer(1).activation());
		assertEquals(Activation.LINEAR, n.layer(3).activation());
		assertEquals(Activation.SOFTMAX, n.layer(4).activation());
		assertEquals(LayerKind.PoolOp.MAX, ((LayerKind.Pool) n.layer(1).kind()).op());
	}

	@Test
	void samePaddingIsSplitFloorHalfBeforeTheRestAfter() throws ResolveException {
		ResolvedNetwork n = resolve("network w { input [1, 28, 28]  conv2d(2, kernel: 3, stride: 2, padding: same)"
				+ "  c: conv2d(2, kernel: 5, padding: same)  avgpool(3, stride: 2, padding: same)"
				+ "  conv2d(2, kernel: 3, dilation: 2, padding: [2, 1]) }");
		Window strided = window(n.layer(0));
		assertArrayEquals(new int[] { 14, 14 }, java.util.Arrays.copyOfRange(n.layer(0).outShape(), 1, 3));
		assertArrayEquals(new int[] { 0, 0 }, strided.padBefore()); // total (14 − 1)·2 + 3 − 28 = 1
		assertArrayEquals(new int[] { 1, 1 }, strided.padAfter());
		assertTrue(strided.asymmetric());
		assertEquals(Window.Padding.SAME, strided.padding());
		Window same = window(n.layer(1));
		assertArrayEquals(new int[] { 2, 2 }, same.padBefore());
		assertFalse(same.asymmetric());
		Window pool = window(n.layer(2));
		assertArrayEquals(new int[] { 3, 3 }, pool.kernel());
		assertArrayEquals(new int[] { 2, 2 }, pool.stride());
		assertEquals(0, pool.ph());
		assertEquals(1, pool.phAfter());
		Window explicit = window(n.layer(3));
		assertEquals(Window.Padding.EXPLICIT, explicit.padding());
		assertArrayEquals(new int[] { 2, 1 }, explicit.padBefore());
		assertArrayEquals(new int[] { 2, 1 }, explicit.padAfter());
		assertEquals(2, explicit.dh());
	}

	@Test
	void sumPoolingIsAPoolingOfItsOwn() throws ResolveException {
		ResolvedNetwork n = resolve("network s { input [2, 6, 6]  sumpool 2  sumpool(3, stride: 1, padding: same) }");
		LayerKind.Pool pool = (LayerKind.Pool) n.layer(0).kind();
		assertEquals(LayerKind.PoolOp.SUM, pool.op());
		assertEquals("sumpool", pool.written());
		assertArrayEquals(new int[] { 2, 3, 3 }, n.layer(0).outShape());
		assertArrayEquals(new int[] { 2, 3, 3 }, n.layer(1).outShape());
		assertEquals(1, window(n.layer(1)).ph());
		assertNull(n.layer(0).weightShape());
	}

	@Test
	void oneDimensionalLayersRunAsRowsOfHeightOne() throws ResolveException {
		ResolvedNetwork n = resolve("network s { input [1, 28, 28]  reshape [28, 28]  conv1d(8, kernel: 4, padding: same)  avgpool1d 2 }");
		Window w = window(n.layer(1));
		assertEquals(1, w.axes());
		assertEquals(1, w.kh());
		assertEquals(4, w.kw());
		assertEquals(0, w.ph());
		assertEquals(1, w.pw()); // total 3: 1 before, 2 after
		assertEquals(2, w.pwAfter());
		assertArrayEquals(new int[] { 8, 28, 4 }, n.layer(1).weightShape());
		assertEquals("avgpool1d", n.layer(2).kind().written());
	}

	@Test
	void depthwiseConvolutionsHaveOneInputChannelPerFilter() throws ResolveException {
		ResolvedNetwork n = resolve("network d { input [3, 8, 8]  depthwise_conv2d(kernel: [3, 2], multiplier: 2) }");
		LayerKind.Conv c = (LayerKind.Conv) n.layer(0).kind();
		assertTrue(c.depthwise());
		assertEquals(2, c.multiplier());
		assertEquals(6, c.channels());
		assertArrayEquals(new int[] { 6, 1, 3, 2 }, n.layer(0).weightShape());
	}

	@Test
	void branchesAreEdgesOfOneGraph() throws ResolveException {
		ResolvedNetwork n = resolve("network b { input [1, 8, 8]  c: conv2d(2, kernel: 3, padding: same)"
				+ "  { a: conv2d(4, kernel: 1) } | { p: maxpool(3, stride: 1, padding: same) }"
				+ "  { x: conv2d(3, kernel: 1) } + { y: conv2d(3, kernel: 3, padding: same) }  flatten  o: dense 2 }");
		assertEquals(List.of(new Source(Source.INPUT, 0)), n.layer(0).sources());
		assertEquals(List.of(new Source(0, 0)), n.layer(1).sources());
		assertEquals(List.of(new Source(0, 0)), n.layer(2).sources());
		// concatenation, channels first: the pooled map follows a's 4 × 8 × 8 outputs
		assertEquals(List.of(new Source(1, 0), new Source(2, 256)), n.layer(3).sources());
		assertArrayEquals(new int[] { 6, 8, 8 }, n.layer(3).inShape());
		// a sum: both branches at the same offsets
		assertEquals(List.of(new Source(3, 0), new Source(4, 0)), n.layer(5).sources());
		assertEquals(List.of(new Source(5, 0)), n.layer(6).sources());
		assertEquals(List.of(new Source(3, 0), new Source(4, 0)), n.sourcesWithout(6, l -> l.kind().passesValuesOn()));
		assertFalse(n.isChain());
	}

	@Test
	void aNetworkEndingInBranchesOutputsThemSideBySide() throws ResolveException {
		ResolvedNetwork n = resolve("network e = dense 4 3 >> (dense 3 2 | dense 3 5)");
		assertEquals(List.of(new Source(1, 0), new Source(2, 2)), n.output());
	}

	@Test
	void whatDoesNotResolveIsRefusedWithTheReason() {
		ResolveException typeError = assertThrows(ResolveException.class, () -> resolve("network t { input [4]  conv2d(2, kernel: 3) }"));
		assertTrue(typeError.getMessage().contains("does not type-check"), typeError.getMessage());
		ResolveException reference = assertThrows(ResolveException.class,
				() -> resolve("network m = dense 4 3 >> r\nnetwork r = dense 3 2"));
		assertTrue(reference.getMessage().contains("'r' is a reference"), reference.getMessage());
	}

	private static Window window(NetLayer layer) {
		return switch (layer.kind()) {
		case LayerKind.Conv c -> c.window();
		case LayerKind.Pool p -> p.window();
		default -> throw new AssertionError(layer.describe() + " has no window");
		};
	}
}
