package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's plots and Pareto front on a table written out by hand (what the plots draw, not what a simulation
 * measures: SweepTest runs real points): a two-parameter grid of six points, one failed.
 */
class SweepPlotsTest {
	@TempDir
	Path tmp;

	private static PointResult point(int index, double percentile, double steps, double accuracy, double ops) {
		Grid.Point p = new Grid.Point(index, List.of("percentile", "steps"), new double[] { percentile, steps });
		return new PointResult(p, null, 100, accuracy, new double[] { accuracy / 2, accuracy }, ops, ops * 1e-6, 1, 1, 1);
	}

	private static SweepTable table() {
		Grid.Point failed = new Grid.Point(5, List.of("percentile", "steps"), new double[] { 99.99, 50 });
		return new SweepTable("e", 0.98, List.of(point(0, 99, 25, 0.90, 1000), point(1, 99, 50, 0.95, 2000), point(2, 99.9, 25, 0.93, 1000),
				point(3, 99.9, 50, 0.95, 2500), point(4, 99.99, 25, 0.97, 3000), PointResult.failed(failed, "conversion failed", 0)));
	}

	@Test
	void theParetoFrontIsThePointsNoOtherBeatsOnAccuracyAndOperations() {
		// 0 (0.90 at 1000) is beaten by 2 (0.93 at 1000); 3 (0.95 at 2500) by 1 (0.95 at 2000); the failed point is no candidate
		assertEquals(List.of(2, 1, 4), table().paretoFront().stream().map(p -> p.point().index()).toList());
	}

	@Test
	void aTwoParameterGridHasAHeatMapBesideTheCurvesAndTheFront() throws IOException {
		SweepTable table = table();
		assertEquals(List.of("sweep-steps", "sweep-heatmap", "sweep-pareto"), SweepPlots.names(table));
		SweepPlots.writeAll(table, tmp);
		for (String name : SweepPlots.names(table)) {
			byte[] png = Files.readAllBytes(tmp.resolve(name + ".png"));
			assertEquals((byte) 0x89, png[0], name);
			assertTrue(Files.readString(tmp.resolve(name + ".svg")).strip().endsWith("</svg>"), name);
		}
		String heat = Files.readString(tmp.resolve("sweep-heatmap.svg"));
		// every cell labelled with its accuracy, the failed one as failed, the axis across with the first parameter and its values
		for (String label : List.of("90.00 %", "95.00 %", "93.00 %", "97.00 %", "failed", "99.99", "percentile"))
			assertTrue(heat.contains(label), label);
		String front = Files.readString(tmp.resolve("sweep-pareto.svg"));
		assertTrue(front.contains("Pareto front") && front.contains("percentile=99.99 steps=25"), "the front and its points' labels");
		assertFalse(front.contains("percentile=99 steps=25"), "a point off the front is not labelled");
		String steps = Files.readString(tmp.resolve("sweep-steps.svg"));
		assertTrue(steps.contains("percentile=99.9 steps=50") && steps.contains("ANN") && !steps.contains("percentile=99.99 steps=50"),
				"one line per point that ran, and the ANN's");
	}

	@Test
	void oneParameterHasNoHeatMapAndNoPointThatRanNoPlot() {
		Grid.Point a = new Grid.Point(0, List.of("steps"), new double[] { 10 }), b = new Grid.Point(1, List.of("steps"), new double[] { 20 });
		assertEquals(List.of("sweep-steps", "sweep-pareto"),
				SweepPlots.names(new SweepTable("e", Double.NaN, List.of(new PointResult(a, null, 1, 1, new double[] { 1 }, 1, 1, 1, 1, 1)))));
		assertEquals(List.of(), SweepPlots.names(new SweepTable("e", Double.NaN, List.of(PointResult.failed(b, "x", 0)))));
	}
}
