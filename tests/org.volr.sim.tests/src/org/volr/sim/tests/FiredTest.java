package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.net.neuron.Firing;

/** The branch-free threshold test of the simulator's fast path against the comparison it replaces. */
class FiredTest {
	private static void check(float v, float threshold) {
		float expected = v >= threshold ? 1f : 0f;
		assertEquals(expected, Firing.fired(v, threshold), 0f, "v = " + v + ", θ = " + threshold);
		assertEquals((int) expected, (int) Firing.fired(v, threshold));
	}

	@Test
	void firesExactlyFromTheThresholdUp() {
		for (float threshold : new float[] { 1f, 0.3f, 1e-30f, Float.MIN_VALUE, 3e38f, Float.MAX_VALUE, 7.5f }) {
			check(threshold, threshold);
			check(Math.nextDown(threshold), threshold);
			check(Math.nextUp(threshold), threshold);
			check(0f, threshold);
			check(-0f, threshold);
			check(-threshold, threshold);
			check(Float.POSITIVE_INFINITY, threshold);
			check(Float.NEGATIVE_INFINITY, threshold);
			check(-Float.MAX_VALUE, threshold);
			check(Float.MAX_VALUE, threshold);
		}
		assertEquals(0, (int) Firing.fired(Float.NaN, 1f), "a NaN potential does not fire, as v >= θ is false");
	}

	@Test
	void agreesWithTheComparisonOnRandomPotentials() {
		Random r = new Random(11);
		for (int i = 0; i < 1_000_000; i++) {
			float threshold = i % 2 == 0 ? 1f : Float.intBitsToFloat(0x00800000 + r.nextInt(0x7e800000)); // positive normal
			float v = i % 3 == 0 ? threshold + (r.nextInt(9) - 4) * Math.ulp(threshold) : Float.intBitsToFloat(r.nextInt() & 0xff7fffff);
			check(v, threshold);
		}
	}
}
