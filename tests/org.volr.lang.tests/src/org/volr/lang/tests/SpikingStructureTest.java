package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.volr.lang.api.Diagnostic;

/**
 * What the simulator refuses from a network's structure alone is refused by the checker, at the layer, when an
 * experiment simulates the network: the run would otherwise fail only after training (SpikingRules).
 */
class SpikingStructureTest {
	private static String withExperiment(String network) {
		return network + "\nexperiment e {\n    network n\n    weights keras \"w.h5\"\n}\n";
	}

	@Test
	void aLinearHiddenLayerIsRefusedAtItsLine() {
		Volr.Checked c = Volr.check(withExperiment("network n {\n    input [4]\n    fc1: dense 8 linear\n    out: dense 2\n}"));
		Diagnostic d = c.expectError(3, "hidden layer 'fc1' has activation linear", "spiking neurons compute relu",
				"experiment 'e' simulates it");
		assertEquals(5, d.column(), "points at the layer");
		assertEquals(1, c.errors().size(), c.diagnostics().toString());
		// the same layer as the output is read out, and relu in the hidden layer spikes
		Volr.check(withExperiment("network n {\n    input [4]\n    fc1: dense 8 relu\n    out: dense 2 linear\n}")).expectNoErrors();
	}

	@Test
	void aHiddenSoftmaxAndAnUnlabelledLinearLayer() {
		Volr.check(withExperiment("network n = dense 4 8 softmax >> dense 8 2")).expectError(1, "hidden layer (dense) has activation softmax");
		Volr.check(withExperiment("network n = dense 4 8 linear >> dense 8 2")).expectError(1, "hidden layer (dense) has activation linear");
	}

	@Test
	void withoutAnExperimentTheNetworkIsOnlyAnAnn() {
		Volr.check("network n = dense 4 8 linear >> dense 8 2\n").expectNoErrors();
		Volr.check("network n = dense 4 8 >> dense 8 2\n").expectNoErrors(); // relu unless told otherwise
	}

	@Test
	void batchNormPoolingAtTheEndAndBranchesAtTheEnd() {
		Volr.check(withExperiment("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3)\n    batchnorm\n    flatten\n    dense 2\n}"))
				.expectError(4, "a batchnorm layer cannot be simulated", "fold it");
		Volr.check(withExperiment("network n {\n    input [1, 8, 8]\n    conv2d(4, kernel: 3)\n    avgpool 2\n}"))
				.expectError(1, "network 'n' must end in a dense or convolution layer");
		Volr.check(withExperiment("network n = dense 4 8 relu >> (dense 8 2 | dense 8 2)"))
				.expectError(1, "network 'n' ends in parallel branches");
		Volr.check(withExperiment("network n = dense 4 8 relu >> (dense 8 2 relu | dense 8 2 relu) >> dense 4 2")).expectNoErrors();
	}

	@Test
	void poissonInputCannotExpressStandardisedData() {
		String text = "network n = dense 4 2 linear\nexperiment e {\n    network n\n    weights keras \"w.h5\"\n"
				+ "    data npz \"d.npz\" test mean 0.5 std 0.25\n    simulate { input poisson 100 Hz }\n}\n";
		Volr.check(text).expectError(5, "Poisson input cannot express standardised data", "remove mean and std");
		Volr.check(text.replace("poisson 100 Hz", "constant")).expectNoErrors();
	}

	/** References are followed as the inlined network lays them out; the error is at the layer as written. */
	@Test
	void referencesAreFollowed() {
		Volr.Checked c = Volr.check(withExperiment("network h = dense 4 8 linear\nnetwork n = h >> dense 8 2"));
		c.expectError(1, "hidden layer (dense) has activation linear");
		Volr.check(withExperiment("network n = let a = dense 4 8 relu in let b = dense 8 2 in a >> b")).expectNoErrors();
		Volr.Checked let = Volr.check(withExperiment("network n = let a = dense 4 8 linear in let b = dense 8 2 in a >> b"));
		let.expectError(1, "hidden layer (dense) has activation linear");
		assertTrue(let.errors().size() == 1, let.diagnostics().toString());
	}
}
