package org.volr.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.core.io.NpzWriter;
import org.volr.sim.Encoding;
import org.volr.sim.PoissonInput;
import org.volr.sim.SimulationConfig;
import org.volr.sim.plan.DensePlan;
import org.volr.sim.plan.LayerPlan;

/**
 * The numbers a generated Python script loads: per layer {@code l<i>_w} ([in, out] for dense layers) or the
 * synapse lists {@code l<i>_pre}, {@code l<i>_post}, {@code l<i>_w} (convolution and pooling, see
 * {@link Connections}), and {@code l<i>_bias} per neuron; with samples also {@code x} [samples, inputs],
 * {@code labels}, and {@code current0} [samples, neurons of layer 0]: the first layer's constant input current
 * W·x + b, computed here by the simulator's own layer so that every target starts from the same numbers. Under
 * Poisson input also the input spikes Volr draws for those samples ({@link PoissonInput}, same seeds), as
 * {@code in_sample}, {@code in_step}, {@code in_index}: a script replays them as spike arrays.
 */
public final class NetworkArrays {
	/** One layer as a script sees it: dense (a matrix), sparse (synapse lists) or maxpool (no synapses, refused). */
	public record Layer(int index, String label, String kind, int inSize, int outSize, long synapses) {
	}

	private NetworkArrays() {
	}

	private static final class IntList {
		private int[] values = new int[1024];
		private int size;

		void add(int v) {
			if (size == values.length)
				values = java.util.Arrays.copyOf(values, size * 2);
			values[size++] = v;
		}

		int[] toArray() {
			return java.util.Arrays.copyOf(values, size);
		}
	}

	public static List<Layer> layers(GenerationInput input) {
		List<Layer> out = new ArrayList<>();
		List<LayerPlan> plans = input.network().layers();
		for (int i = 0; i < plans.size(); i++) {
			LayerPlan p = plans.get(i);
			String kind = p instanceof DensePlan ? "dense" : p.hasNeurons() ? "sparse" : "maxpool";
			long synapses = kind.equals("dense") ? (long) p.inSize() * p.outSize() : kind.equals("sparse") ? Connections.of(p).size() : 0;
			out.add(new Layer(i, p.label(), kind, p.inSize(), p.outSize(), synapses));
		}
		return out;
	}

	public static void write(GenerationInput input, Path npz) throws IOException {
		NpzWriter w = new NpzWriter();
		List<LayerPlan> plans = input.network().layers();
		for (int i = 0; i < plans.size(); i++) {
			LayerPlan p = plans.get(i);
			if (p instanceof DensePlan d) {
				w.floats("l" + i + "_w", d.weights(), p.inSize(), p.outSize());
			} else if (p.hasNeurons()) {
				Connections c = Connections.of(p);
				w.ints("l" + i + "_pre", c.pre()).ints("l" + i + "_post", c.post()).floats("l" + i + "_w", c.weight());
			}
			if (p.hasNeurons())
				w.floats("l" + i + "_bias", p.bias());
		}
		SampleSet s = input.samples();
		if (s != null) {
			LayerPlan first = plans.get(0);
			int in = first.inSize(), out = first.outSize();
			float[] current = new float[s.count() * out], row = new float[out], bias = first.bias();
			for (int k = 0; k < s.count(); k++) {
				first.forward(s.features(), k * in, row);
				for (int j = 0; j < out; j++)
					current[k * out + j] = row[j] + bias[j];
			}
			w.floats("x", s.features(), s.count(), in).ints("labels", s.labels()).floats("current0", current, s.count(), out);
			SimulationConfig sim = input.simulation();
			if (sim.encoding() == Encoding.POISSON) {
				IntList sample = new IntList(), step = new IntList(), index = new IntList();
				int[] spikes = new int[in];
				for (int k = 0; k < s.count(); k++) {
					PoissonInput poisson = new PoissonInput(sim.seed(), k, sim.poissonProbabilityPerStep());
					for (int t = 0; t < sim.steps(); t++) {
						int n = poisson.nextStep(s.features(), k * in, in, spikes);
						for (int e = 0; e < n; e++) {
							sample.add(k);
							step.add(t);
							index.add(spikes[e]);
						}
					}
				}
				w.ints("in_sample", sample.toArray()).ints("in_step", step.toArray()).ints("in_index", index.toArray());
			}
		}
		w.write(npz);
	}
}
