package org.volr.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How close the spiking network comes to its ANN after few steps: the SNN's accuracy and the ANN's minus it (in
 * percentage points) at T = 1, 2, 4, ..., 64 (those within the run), and the first step from which the SNN is within
 * half a point of the ANN. A spiking network is only worth running when it answers in a few steps; this is the table
 * that says whether it does.
 */
public record AccuracyAgainstSteps(int[] steps, double[] snn, double ann, int withinHalfPointFrom, int runSteps) {
	/** The steps the table shows, as far as the run goes. */
	static final int[] POWERS = { 1, 2, 4, 8, 16, 32, 64 };
	/** "Within half a point": the SNN's accuracy at least the ANN's minus this. */
	static final double MARGIN = 0.005;

	/** @param accuracyPerStep the SNN's accuracy after every step (index t − 1 for T = t); ann the ANN's accuracy */
	public static AccuracyAgainstSteps of(double[] accuracyPerStep, double ann) {
		List<Integer> shown = new ArrayList<>();
		for (int t : POWERS)
			if (t <= accuracyPerStep.length)
				shown.add(t);
		int[] steps = shown.stream().mapToInt(Integer::intValue).toArray();
		double[] snn = new double[steps.length];
		for (int i = 0; i < steps.length; i++)
			snn[i] = accuracyPerStep[steps[i] - 1];
		int within = 0;
		for (int t = 1; t <= accuracyPerStep.length && within == 0; t++)
			if (accuracyPerStep[t - 1] >= ann - MARGIN - 1e-12)
				within = t;
		return new AccuracyAgainstSteps(steps, snn, ann, within, accuracyPerStep.length);
	}

	/** ANN − SNN at the i-th step shown, in percentage points. */
	public double gapPoints(int i) {
		return 100 * (ann - snn[i]);
	}

	/** The smallest T at which the SNN is within half a point of the ANN, or "none up to T=…". */
	public String withinText() {
		return withinHalfPointFrom > 0 ? "T=" + withinHalfPointFrom : "none up to T=" + runSteps;
	}

	void print(PrintStream o) {
		StringBuilder t = new StringBuilder("    T          "), a = new StringBuilder("    SNN %      "), g = new StringBuilder("    ANN-SNN pt ");
		for (int i = 0; i < steps.length; i++) {
			t.append(String.format(Locale.ROOT, "%7d", steps[i]));
			a.append(String.format(Locale.ROOT, "%7.2f", 100 * snn[i]));
			g.append(String.format(Locale.ROOT, "%7.2f", gapPoints(i)));
		}
		o.println("  accuracy against steps:");
		o.println(t);
		o.println(a);
		o.println(g);
		o.println("    within 0.5 pt of the ANN from " + withinText());
	}

	String toJson() {
		StringBuilder b = new StringBuilder("{\"steps\": [");
		for (int i = 0; i < steps.length; i++)
			b.append(i == 0 ? "" : ", ").append(steps[i]);
		b.append("], \"snn_accuracy\": [");
		for (int i = 0; i < steps.length; i++)
			b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", snn[i]));
		b.append("], \"ann_minus_snn_points\": [");
		for (int i = 0; i < steps.length; i++)
			b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", gapPoints(i)));
		return b.append("], \"within_half_point_from_step\": ").append(withinHalfPointFrom > 0 ? Integer.toString(withinHalfPointFrom) : "null")
				.append('}').toString();
	}
}
