package org.volr.lang.tests;

import org.junit.jupiter.api.Test;

/** {@code train { activation qcfs L, from ... }} as {@code volr check} sees it. */
class QcfsCheckTest {
	/** Lines: 3 the hidden layer, 4 the output, 9 the train block's option. */
	private static final String TEXT = "network n {\n    input [4]\n    %s\n    out: dense 2 softmax\n}\nexperiment e {\n    network n\n"
			+ "    data idx \"d.idx\"\n    train { %s }\n}\n";

	private static Volr.Checked check(String hidden, String train) {
		return Volr.check(TEXT.formatted(hidden, train));
	}

	@Test
	void qcfsWithLevelsOnAHiddenReluLayerIsClean() {
		check("h: dense 3 relu", "activation qcfs 8, epochs 2").expectNoErrors();
		check("h: dense 3 relu", "activation relu").expectNoErrors();
		check("h: dense 3 relu", "from npz \"start.npz\", activation qcfs 4, epochs 1").expectNoErrors();
	}

	@Test
	void levelsAreNeededByQcfsAndOnlyByQcfs() {
		check("h: dense 3 relu", "activation qcfs").expectError(9, "qcfs needs its number of levels L", "'activation qcfs 8'");
		check("h: dense 3 relu", "activation qcfs 0").expectError(9, "qcfs needs a positive number of levels, got 0");
		check("h: dense 3 relu", "activation relu 8").expectError(9, "relu has no levels", "'activation qcfs 8'");
	}

	@Test
	void aNetworkThatCannotTakeQcfsIsRefusedByName() {
		check("h: dense 3 linear\n    r: activation relu", "activation qcfs 8").expectError(10, "layer 'r' applies a relu of its own",
				"experiment 'e' trains it with qcfs");
		check("h: dense 3 tanh", "activation qcfs 8").expectError(9, "network 'n' has no hidden dense or convolution layer with relu");
	}

	@Test
	void fromNamesAFileThatShouldExist() {
		check("h: dense 3 relu", "from keras \"missing.h5\", activation qcfs 4").expectWarning(9, "'missing.h5' does not exist");
	}

	@Test
	void channelwiseCalibrationOfQcfsLayersIsRefusedAsTheConversionWould() {
		String text = TEXT.formatted("h: dense 3 relu", "activation qcfs 4").replace("    train { activation qcfs 4 }\n",
				"    train { activation qcfs 4 }\n    convert { channelwise, calibrate for 4 steps }\n");
		Volr.check(text).expectError(10, "calibrate with channelwise gives every channel its own threshold",
				"the QCFS layers experiment 'e' trains have one learnt clip per layer");
		Volr.check(text.replace("channelwise, ", "")).expectNoErrors();
		Volr.check(text.replace("activation qcfs 4", "activation relu")).expectNoErrors();
	}
}
