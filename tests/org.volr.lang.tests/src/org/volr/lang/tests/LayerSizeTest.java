package org.volr.lang.tests;

import org.junit.jupiter.api.Test;

/** A layer whose weights cannot be one Java array in any process is refused at its line (outputs: BadInputTest). */
class LayerSizeTest {
	@Test
	void weightsBeyondTheLargestArray() {
		Volr.check("network n =\n    dense 2 100000\n    >> dense 100000 100000\n")
				.expectError(3, "this layer has 10,000,000,000 weights", "at most 2,147,483,639 values", "make it smaller");
		Volr.check("network n =\n    dense 2 40000\n    >> dense 40000 40000\n").expectNoErrors(); // 1.6e9 weights: one array
	}
}
