package org.volr.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.volr.core.io.AtomicFiles;
import org.volr.model.Experiment;

/**
 * The sweep's table: sweep.csv (one row per point: its values, the ANN's and the SNN's accuracy, operations, energy,
 * time and CPU time (PointResult), and the accuracy after every step) and sweep.json (the same, with the curve as an array), and the best point.
 */
final class SweepTable {
	private final String experiment;
	private final double annAccuracy;
	private final List<PointResult> points;

	SweepTable(String experiment, double annAccuracy, List<PointResult> points) {
		this.experiment = experiment;
		this.annAccuracy = annAccuracy;
		this.points = points.stream().sorted(Comparator.comparingInt(p -> p.point().index())).toList();
	}

	List<PointResult> points() {
		return points;
	}

	/** The grid's parameter names, in the grid's order. */
	List<String> names() {
		return points.get(0).point().names();
	}

	double annAccuracy() {
		return annAccuracy;
	}

	/**
	 * The points no other point beats on both SNN accuracy and synaptic operations (failed points left out), by
	 * increasing operations: each is more accurate than every cheaper one. Of points equal in both, the earlier.
	 */
	List<PointResult> paretoFront() {
		List<PointResult> byCost = points.stream().filter(PointResult::ok)
				.sorted(Comparator.comparingDouble(PointResult::synapticOpsPerSample).thenComparingDouble((PointResult p) -> -p.snnAccuracy())
						.thenComparingInt(p -> p.point().index()))
				.toList();
		List<PointResult> front = new java.util.ArrayList<>();
		for (PointResult p : byCost)
			if (front.isEmpty() || p.snnAccuracy() > front.get(front.size() - 1).snnAccuracy())
				front.add(p);
		return front;
	}

	/** The point with the best SNN accuracy; of equals, the one with fewer operations, then the earlier one. */
	Optional<PointResult> best() {
		return points.stream().filter(PointResult::ok)
				.min(Comparator.comparingDouble((PointResult p) -> -p.snnAccuracy()).thenComparingDouble(PointResult::synapticOpsPerSample)
						.thenComparingInt(p -> p.point().index()));
	}

	void write(Path folder) throws IOException {
		Files.createDirectories(folder);
		AtomicFiles.writeString(folder.resolve("sweep.csv"), csv());
		AtomicFiles.writeString(folder.resolve("sweep.json"), json());
	}

	String csv() {
		List<String> names = points.get(0).point().names();
		int steps = points.stream().mapToInt(p -> p.accuracyPerStep().length).max().orElse(0);
		StringBuilder b = new StringBuilder("point,").append(String.join(",", names))
				.append(",ann_accuracy,snn_accuracy,samples,synaptic_ops_per_sample,energy_uj_per_sample,seconds,cpu_seconds,jvm_cpu_seconds,error");
		for (int t = 1; t <= steps; t++)
			b.append(",acc_t").append(t);
		b.append('\n');
		for (PointResult p : points) {
			b.append(p.point().index());
			for (double v : p.point().values())
				b.append(',').append(SweepParameter.number(v));
			b.append(',').append(cell(annAccuracy)).append(',').append(cell(p.snnAccuracy())).append(',').append(p.samples()).append(',')
					.append(cell(p.synapticOpsPerSample(), "%.1f")).append(',').append(cell(p.energyMicrojoulePerSample(), "%.4f")).append(',').append(cell(p.seconds(), "%.3f"))
					.append(',').append(cell(p.cpuSeconds(), "%.3f")).append(',').append(cell(p.jvmCpuSeconds(), "%.3f")).append(',').append(p.ok() ? "" : '"' + p.error().replace("\"", "'") + '"');
			for (int t = 0; t < steps; t++)
				b.append(',').append(t < p.accuracyPerStep().length ? cell(p.accuracyPerStep()[t]) : "");
			b.append('\n');
		}
		return b.toString();
	}

	String json() {
		StringBuilder b = new StringBuilder("{\n  \"experiment\": \"").append(experiment).append("\",\n  \"ann_accuracy\": ")
				.append(jsonNumber(annAccuracy)).append(",\n  \"points\": [\n");
		for (int i = 0; i < points.size(); i++) {
			PointResult p = points.get(i);
			b.append("    {\"point\": ").append(p.point().index()).append(", \"values\": {");
			for (int k = 0; k < p.point().names().size(); k++)
				b.append(k == 0 ? "" : ", ").append('"').append(p.point().names().get(k)).append("\": ").append(SweepParameter.number(p.point().values()[k]));
			b.append("}, ");
			if (p.ok()) {
				b.append("\"snn_accuracy\": ").append(fixed(p.snnAccuracy())).append(", \"samples\": ").append(p.samples())
						.append(String.format(Locale.ROOT, ", \"synaptic_ops_per_sample\": %.1f, \"energy_uj_per_sample\": %.4f",
								p.synapticOpsPerSample(), p.energyMicrojoulePerSample()))
						.append(", \"accuracy_per_step\": [");
				for (int t = 0; t < p.accuracyPerStep().length; t++)
					b.append(t == 0 ? "" : ", ").append(fixed(p.accuracyPerStep()[t]));
				b.append("], ");
			} else {
				b.append("\"error\": \"").append(p.error().replace("\\", "\\\\").replace("\"", "'")).append("\", ");
			}
			b.append(String.format(Locale.ROOT, "\"seconds\": %.3f", p.seconds()));
			if (p.ok())
				b.append(String.format(Locale.ROOT, ", \"cpu_seconds\": %.3f, \"jvm_cpu_seconds\": %.3f", p.cpuSeconds(), p.jvmCpuSeconds()));
			b.append('}').append(i + 1 < points.size() ? "," : "").append('\n');
		}
		return b.append("  ]\n}\n").toString();
	}

	/** The best point, and the clauses to paste into the experiment for it. */
	void printBest(PrintStream out, Experiment model) {
		Optional<PointResult> best = best();
		if (best.isEmpty()) {
			out.println("no grid point ran; see the errors above");
			return;
		}
		PointResult p = best.get();
		out.printf(Locale.ROOT, "best: %s: SNN accuracy %.2f %%%s, %,.0f synaptic operations per sample%n", p.point().label(),
				100 * p.snnAccuracy(), Double.isNaN(annAccuracy) ? "" : String.format(Locale.ROOT, " (ANN %.2f %%)", 100 * annAccuracy),
				p.synapticOpsPerSample());
		StringBuilder paste = new StringBuilder();
		for (int i = 0; i < p.point().names().size(); i++)
			paste.append(i == 0 ? "" : "  ").append(SweepParameter.named(p.point().names().get(i), model).written(model, p.point().values()[i]));
		out.println("paste into experiment " + experiment + " (keeping the clauses' other options): " + paste);
	}

	private static String fixed(double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
	}

	/** A CSV cell: empty for a figure a failed point does not have. */
	private static String cell(double v) {
		return cell(v, "%.6f");
	}

	private static String cell(double v, String format) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
	}

	private static String jsonNumber(double v) {
		return Double.isNaN(v) ? "null" : fixed(v);
	}
}
