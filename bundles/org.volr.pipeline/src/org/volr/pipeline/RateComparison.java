package org.volr.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.weights.WeightStore;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.SimulationResult;

/**
 * How well each spiking layer reproduces its ANN layer: on the recorded samples, the rate of every neuron (spikes
 * per step) against what the converted ANN says it should be (its activation, clipped to one spike per step).
 */
public final class RateComparison {
	/**
	 * Pearson's r of SNN rates against ANN activations over all neurons of the layer ({@code pearson}, {@code points})
	 * and over the neurons active in either ({@code activePearson}, {@code activePoints}): in a sparse layer the many
	 * neurons silent in both agree trivially and lift the first figure.
	 */
	public record LayerCorrelation(String layer, double pearson, int points, double activePearson, int activePoints) {
	}

	/** Running sums for Pearson's r. */
	private static final class Pearson {
		double sx, sy, sxx, syy, sxy;
		int n;

		void add(double x, double y) {
			sx += x;
			sy += y;
			sxx += x * x;
			syy += y * y;
			sxy += x * y;
			n++;
		}

		double r() {
			double cov = sxy / n - (sx / n) * (sy / n), vx = sxx / n - (sx / n) * (sx / n), vy = syy / n - (sy / n) * (sy / n);
			return n == 0 || vx <= 0 || vy <= 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
		}
	}

	public final List<LayerCorrelation> correlations = new ArrayList<>();
	/** Per layer, up to 4000 (ANN, SNN) pairs for the scatter plot. */
	public final Map<String, float[][]> points = new LinkedHashMap<>();

	public static RateComparison of(ResolvedNetwork network, WeightStore converted, Dataset test, SimulationResult result) {
		RateComparison c = new RateComparison();
		int k = result.recordedSamples();
		if (k == 0 || !network.delayed().isEmpty()) // a recurrent network has no ANN activations to compare with
			return c;
		Batch batch;
		try (BatchIterator it = test.batches(k)) {
			batch = it.next();
		}
		List<LayerActivation> activations = AnnModel.of(network, converted).activations(batch.featuresAsINDArray());
		for (int l = 0; l < result.layers().size(); l++) {
			String label = result.layers().get(l);
			LayerActivation act = activations.stream().filter(a -> a.name().equals(label)).findFirst().orElse(null);
			if (act == null || result.neuronSpikes(0, l) == null)
				continue; // pooling layers have no ANN counterpart with weights
			INDArray pre = act.preActivation();
			float[] ann = pre.reshape(pre.size(0), -1).dup().data().asFloat();
			int neurons = ann.length / k;
			Pearson all = new Pearson(), active = new Pearson();
			int n = 0;
			List<float[]> sample = new ArrayList<>();
			int stride = Math.max(1, k * neurons / 4000);
			for (int s = 0; s < k; s++) {
				int[] spikes = result.neuronSpikes(s, l);
				for (int j = 0; j < neurons && j < spikes.length; j++) {
					double expected = Math.max(0, Math.min(1, ann[s * neurons + j]));
					double rate = spikes[j] / (double) result.steps();
					all.add(expected, rate);
					if (expected > 0 || rate > 0)
						active.add(expected, rate);
					if (n % stride == 0)
						sample.add(new float[] { (float) expected, (float) rate });
					n++;
				}
			}
			c.correlations.add(new LayerCorrelation(label, all.r(), all.n, active.r(), active.n));
			c.points.put(label, sample.toArray(new float[0][]));
		}
		return c;
	}

	public String toJson() {
		StringBuilder b = new StringBuilder("[");
		for (LayerCorrelation c : correlations) {
			if (b.length() > 1)
				b.append(", ");
			b.append(String.format(Locale.ROOT, "{\"layer\": \"%s\", \"pearson\": %s, \"points\": %d, \"pearson_active\": %s,"
					+ " \"active_points\": %d}", c.layer(), json(c.pearson()), c.points(), json(c.activePearson()), c.activePoints()));
		}
		return b.append(']').toString();
	}

	private static String json(double r) {
		return Double.isNaN(r) ? "null" : String.format(Locale.ROOT, "%.4f", r);
	}
}
