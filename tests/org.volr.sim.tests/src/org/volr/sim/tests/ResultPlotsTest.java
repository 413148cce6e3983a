package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.report.ResultPlots;

/** The PNG/SVG plots of volr run, read back from their SVG: round ticks, the ANN line, the identity line. */
class ResultPlotsTest {
	@TempDir
	Path tmp;

	private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

	private static List<String> texts(Path svg) throws IOException {
		List<String> texts = new ArrayList<>();
		Matcher m = TEXT.matcher(Files.readString(svg));
		while (m.find())
			texts.add(m.group(1).trim());
		return texts;
	}

	private static SimulationResult run(int steps) throws LoweringException {
		Random r = new Random(5);
		WeightStore w = new WeightStore();
		w.put("m.weight", new int[] { 8, 5 }, BranchTest.grid(r, 8 * 5, -8, 24));
		w.put("o.weight", new int[] { 5, 4 }, BranchTest.grid(r, 5 * 4, -16, 32));
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network c = m: dense 8 5 >> o: dense 5 4"), w);
		return Simulator.run(net, BranchTest.data(), SimulationConfig.constant(steps).withRecording(1), Progress.NONE);
	}

	@Test
	void accuracyPlotHasRoundTicksAndALabelledAnnLine() throws Exception {
		ResultPlots.write(ResultPlots.accuracyOverTime(run(77), 0.8734), tmp, "accuracy");
		List<String> texts = texts(tmp.resolve("accuracy.svg"));
		assertTrue(texts.contains("ANN 87.34 %"), texts.toString());
		for (String tick : List.of("0", "20", "40", "60", "80", "100"))
			assertTrue(texts.contains(tick), tick + " in " + texts);
		assertTrue(Files.size(tmp.resolve("accuracy.png")) > 0);
		// 77 steps and 0-100 %: whole ticks on both axes (fourths of the range gave 19.25, 38.50, ...)
		assertTrue(numbers(texts).stream().allMatch(t -> t.matches("[0-9]+")), texts.toString());
	}

	@Test
	void rasterTicksAreWholeNumbers() throws Exception {
		SimulationResult r = run(13);
		assertNotNull(ResultPlots.spikeRaster(r), "the run recorded a raster");
		ResultPlots.write(ResultPlots.spikeRaster(r), tmp, "raster");
		List<String> texts = texts(tmp.resolve("raster.svg"));
		assertFalse(texts.stream().anyMatch(t -> t.matches("-?[0-9.]+E-?[0-9]+")), "no exponent ticks: " + texts);
		assertFalse(texts.stream().anyMatch(t -> t.matches("-?[0-9,]+\\.[0-9]+")), "no fractional ticks on counting axes: " + texts);
		assertTrue(texts.contains("8") && texts.contains("4"), texts.toString());
	}

	@Test
	void annVersusSnnDrawsTheIdentityLine() throws Exception {
		ResultPlots.write(ResultPlots.annVersusSnn(Map.of("fc1", new float[][] { { 0.1f, 0.12f }, { 0.5f, 0.45f }, { 0.9f, 0.93f } })), tmp, "ann-vs-snn");
		String svg = Files.readString(tmp.resolve("ann-vs-snn.svg"));
		List<String> texts = texts(tmp.resolve("ann-vs-snn.svg"));
		assertTrue(texts.contains("dashed: SNN rate = ANN activation"), texts.toString());
		assertTrue(svg.contains("stroke-dasharray"), "the identity line is dashed");
		assertTrue(texts.containsAll(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0")), texts.toString());
		assertTrue(numbers(texts).stream().allMatch(t -> t.matches("[01]\\.[0-9]")), texts.toString());
	}

	private static List<String> numbers(List<String> texts) {
		return texts.stream().filter(t -> t.matches("-?[0-9,.]+")).toList();
	}
}
