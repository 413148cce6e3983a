package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.sim.report.Quantities;
import org.volr.sim.report.Ticks;

/** The tick chooser of every plot and the units of the figures a run prints. */
class TicksTest {
	private static List<String> labels(Ticks t) {
		return t.values.stream().map(t::label).toList();
	}

	@Test
	void ticksAreRoundStepsNotFifthsOfTheRange() {
		// a range of 30.8 used to be cut in fourths: 7.70, 15.40, 23.10
		Ticks t = Ticks.of(0, 30.8, 6, false);
		assertEquals(10, t.step);
		assertEquals(List.of("0", "10", "20", "30"), labels(t));
		assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(Ticks.of(0, 1, 6, false)));
		assertEquals(List.of("0.00", "0.05", "0.10", "0.15"), labels(Ticks.of(0, 0.17, 5, false)));
		assertEquals(List.of("2,000", "4,000", "6,000"), labels(Ticks.of(1234, 6543, 5, false)));
		assertEquals(List.of("-50", "0", "50"), labels(Ticks.of(-60, 60, 4, false)));
	}

	@Test
	void everyStepIsOneTwoOrFiveTimesAPowerOfTen() {
		for (double size = 1e-4; size < 1e6; size *= 1.37) {
			double step = Ticks.atLeast(size, false);
			double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
			assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9, size + " -> " + step);
			assertTrue(step >= size * (1 - 1e-9) && step < size * 2.5 + 1e-12, size + " -> " + step);
		}
	}

	@Test
	void countingAxesGetWholeTicks() {
		// a raster of 4 neurons over 13 steps: whole ticks, never 0.5 or "4E0"
		assertEquals(List.of("0", "1", "2", "3", "4"), labels(Ticks.of(0, 4, 10, true)));
		assertEquals(List.of("2", "4", "6", "8", "10", "12"), labels(Ticks.of(1, 13, 7, true)));
		assertEquals(List.of("5", "10"), labels(Ticks.of(1, 13, 6, true)));
		assertEquals(1, Ticks.atLeast(0.2, true));
		assertEquals(List.of("20", "40", "60", "80", "100"), labels(Ticks.of(1, 100, 6, true)), "steps 1 to 100: no tick at 0");
	}

	@Test
	void smallRunsAreNotZero() {
		assertEquals("2.70 µJ", Quantities.energy(2.7));
		assertEquals("34.5 nJ", Quantities.energy(0.0345));
		assertEquals("812 pJ", Quantities.energy(0.000812));
		assertEquals("1.00 µJ", Quantities.energy(0.9996), "999.6 nJ rounds to the next unit");
		assertEquals("1.25 mJ", Quantities.energy(1250));
		assertEquals("0 µJ", Quantities.energy(0));
		assertEquals("2.04 s", Quantities.duration(2.04));
		assertEquals("340 ms", Quantities.duration(0.34));
		assertEquals("12.5 ms", Quantities.duration(0.0125));
		assertEquals("7.00 µs", Quantities.duration(7e-6));
		assertEquals("1,234 s", Quantities.duration(1234));
		assertEquals("0", Quantities.significant(0));
		assertEquals("0.0345", Quantities.significant(0.0345));
	}
}
