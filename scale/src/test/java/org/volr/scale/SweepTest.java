package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code volr sweep} on local[2]: a small grid over LeNet-5, one point of which the neuron model refuses. */
class SweepTest {
	@TempDir
	Path tmp;

	@Test
	void everyPointRunsAsATaskAndAFailedPointLeavesTheOthers() throws IOException {
		Path file = TestExperiments.lenet(tmp, 200, 50, 30, "poisson 500 Hz", "CubaLIF { tau_m 1000 ms, tau_syn_E 1 ms, tau_syn_I 1 ms }");
		Run run = Run.of("sweep", file.toString(), "--master", "local[2]", "--grid", "percentile=99.9, 100; steps=15,30; tau_syn_I=1,2",
				"--out", tmp.resolve("sweep").toString());
		assertEquals(0, run.code, run.out + run.err);
		// 8 points, each reported as it finished
		for (String point : List.of("percentile=99.9 steps=15 tau_syn_I=1", "percentile=100 steps=30 tau_syn_I=2"))
			assertTrue(run.err.contains("] " + point + ": "), run.err);
		assertTrue(run.err.contains("[8/8]"), run.err);
		List<String> csv = Files.readAllLines(tmp.resolve("sweep/sweep.csv"));
		assertEquals(9, csv.size(), String.join("\n", csv));
		assertTrue(csv.get(0).startsWith("point,percentile,steps,tau_syn_I,ann_accuracy,snn_accuracy,samples,synaptic_ops_per_sample,"
				+ "energy_uj_per_sample,seconds,cpu_seconds,jvm_cpu_seconds,error,acc_t1,"), csv.get(0));
		assertTrue(csv.get(0).endsWith(",acc_t30"), csv.get(0));
		int failed = 0;
		for (String row : csv.subList(1, csv.size())) {
			String[] cells = row.split(",", -1);
			if (cells[3].equals("2")) { // the refused synaptic constant fails that point only, with the model's own message
				failed++;
				assertTrue(row.contains("tau_syn_I must equal tau_syn_E"), row);
				continue;
			}
			double snn = Double.parseDouble(cells[5]);
			assertEquals("200", cells[6]);
			assertTrue(snn > 0.9, row);
			// the curve has one value per step of the point: 15 or 30
			int steps = Integer.parseInt(cells[2]), filled = 0;
			for (int t = 13; t < cells.length; t++)
				filled += cells[t].isEmpty() ? 0 : 1;
			assertEquals(steps, filled, row);
			assertEquals(snn, Double.parseDouble(cells[13 + steps - 1]), row);
			// the point's own CPU time, and its JVM's over the same time, which includes it (to the JVM's 10 ms ticks)
			double cpu = Double.parseDouble(cells[10]), jvm = Double.parseDouble(cells[11]);
			assertTrue(cpu > 0 && jvm >= cpu - 0.05, row);
		}
		assertEquals(4, failed);
		String json = Files.readString(tmp.resolve("sweep/sweep.json"));
		assertTrue(json.contains("\"values\": {\"percentile\": 100, \"steps\": 30, \"tau_syn_I\": 1}, \"snn_accuracy\": "), json);
		// the plots beside the table: three parameters, so no heat map; the front only of points that ran
		for (String plot : List.of("sweep-steps.png", "sweep-steps.svg", "sweep-pareto.png", "sweep-pareto.svg"))
			assertTrue(Files.size(tmp.resolve("sweep").resolve(plot)) > 1000, plot);
		assertTrue(Files.notExists(tmp.resolve("sweep/sweep-heatmap.png")));
		assertTrue(run.out.contains("plots sweep-steps, sweep-pareto (.png, .svg)"), run.out);
		// the best point is printed with the clauses to paste
		assertTrue(run.out.contains("best: percentile="), run.out);
		assertTrue(run.out.matches("(?s).*paste into experiment lenet_run .*: convert \\{ normalize percentile [0-9.]+ \\}  simulate \\{ duration \\d+ steps \\}"
				+ "  neuron CubaLIF \\{ tau_syn_I 1 ms \\}.*"), run.out);
	}

	@Test
	void theExperimentsSweepClauseIsTheGridUnlessGridGivesOne() throws IOException {
		Path file = TestExperiments.lenet(tmp, 50, 50, 10, "constant", "IF { v_thresh 1.0 }");
		Files.writeString(file, Files.readString(file).replace("    seed 5\n", "    seed 5\n    sweep { v_thresh 0.8, 1; steps 5 }\n"));
		Run clause = Run.of("sweep", file.toString(), "--master", "local[2]", "--out", tmp.resolve("clause").toString());
		assertEquals(0, clause.code, clause.out + clause.err);
		List<String> csv = Files.readAllLines(tmp.resolve("clause/sweep.csv"));
		assertTrue(csv.get(0).startsWith("point,v_thresh,steps,ann_accuracy,") && csv.get(0).endsWith(",acc_t5"), csv.get(0));
		// the points in the clause's order, the last name varying fastest: point, v_thresh, steps
		assertEquals(List.of("0,0.8,5", "1,1,5"), csv.subList(1, 3).stream().map(r -> String.join(",", List.of(r.split(",")).subList(0, 3))).toList());
		// a two-parameter grid: a heat map beside the other plots
		assertTrue(clause.out.contains("plots sweep-steps, sweep-heatmap, sweep-pareto"), clause.out);
		Run grid = Run.of("sweep", file.toString(), "--master", "local[2]", "--grid", "percentile=99.9", "--out", tmp.resolve("grid").toString());
		assertEquals(0, grid.code, grid.out + grid.err);
		assertTrue(Files.readAllLines(tmp.resolve("grid/sweep.csv")).get(0).startsWith("point,percentile,ann_accuracy,"));
		Files.writeString(file, Files.readString(file).replace("    sweep { v_thresh 0.8, 1; steps 5 }\n", ""));
		Run none = Run.of("sweep", file.toString(), "--master", "local[2]");
		assertEquals(2, none.code, none.err);
		assertTrue(none.err.contains("experiment lenet_run has no sweep { ... } clause"), none.err);
	}

	@Test
	void aGridNamingWhatTheExperimentCannotVaryIsAUsageError() throws IOException {
		Path file = TestExperiments.lenet(tmp, 10, 10, 5, "constant", "IF { v_thresh 1.0 }");
		Run unknown = Run.of("sweep", file.toString(), "--grid", "percentile=99; tau_m=10");
		assertEquals(2, unknown.code, unknown.err);
		assertTrue(unknown.err.contains("unknown grid parameter 'tau_m'; experiment lenet_run can vary percentile, steps, v_thresh, v_reset,"
				+ " tau_refrac, v_min"), unknown.err);
		Run bad = Run.of("sweep", file.toString(), "--grid", "steps=10,2.5");
		assertEquals(2, bad.code, bad.err);
		assertTrue(bad.err.contains("steps takes a whole number of steps from 1, got '2.5'"), bad.err);
		Run master = Run.of("sweep", file.toString(), "--grid", "steps=10", "--master", "yarn");
		assertEquals(2, master.code, master.err);
		assertTrue(master.err.contains("--master takes local, local[N], local[*] or spark://HOST:PORT, got 'yarn'"), master.err);
	}

	/** A command's exit code and what it printed. */
	record Run(int code, String out, String err) {
		static Run of(String... args) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
			int code = new VolrScale(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
	}
}
