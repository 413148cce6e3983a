package org.volr.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.volr.core.encoding.PoissonInput;
import org.volr.core.io.NpzWriter;
import org.volr.net.DelayedEdge;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.SpikingLayers;
import org.volr.net.Synapses;

/**
 * The numbers a generated Python script loads: per layer {@code l<i>_w} ([in, out] for dense layers) or the
 * synapse lists {@code l<i>_pre}, {@code l<i>_post}, {@code l<i>_w} (convolution and pooling, see
 * {@link Synapses}), and {@code l<i>_bias} per neuron; a recurrent layer also its weights onto itself {@code l<i>_rec}
 * ([from, to], SEMANTICS.md "Recurrent layers"); with samples also {@code x} [samples, inputs],
 * {@code labels}, and {@code current0} [samples, neurons of layer 0]: the first layer's constant input current
 * W·x + b, summed in the order Volr's simulator sums it, so that every target starts from the same numbers. Under
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
		List<NetLayer> spiking = input.spiking().layers();
		for (int i = 0; i < spiking.size(); i++) {
			NetLayer l = spiking.get(i);
			String kind = l.kind() instanceof LayerKind.Dense ? "dense" : SpikingLayers.hasNeurons(l) ? "sparse" : "maxpool";
			long synapses = kind.equals("dense") ? (long) l.inSize() * l.outSize() : kind.equals("sparse") ? synapses(input, l).size() : 0;
			out.add(new Layer(i, l.key(), kind, l.inSize(), l.outSize(), synapses));
		}
		return out;
	}

	/** The synapses of a spiking layer with neurons, from the layer's weights as the store holds them. */
	public static Synapses synapses(GenerationInput input, NetLayer layer) {
		return Synapses.of(layer, layer.hasWeights() ? input.weights().get(layer.weightKey()).data() : null);
	}

	/** The bias of every neuron of a spiking layer (zeros where the store has none). */
	public static float[] bias(GenerationInput input, NetLayer layer) {
		boolean has = layer.hasWeights() && input.weights().contains(layer.biasKey());
		return Synapses.biasPerNeuron(layer, has ? input.weights().get(layer.biasKey()).data() : null);
	}

	public static void write(GenerationInput input, Path npz) throws IOException {
		write(input, npz, java.util.Map.of());
	}

	/** {@link #write(GenerationInput, Path)} and a target's own arrays (one dimension each), written after the network's. */
	public static void write(GenerationInput input, Path npz, java.util.Map<String, float[]> targetArrays) throws IOException {
		NpzWriter w = new NpzWriter();
		List<NetLayer> spiking = input.spiking().layers();
		for (int i = 0; i < spiking.size(); i++) {
			NetLayer l = spiking.get(i);
			if (l.kind() instanceof LayerKind.Dense) {
				w.floats("l" + i + "_w", input.weights().get(l.weightKey()).data(), l.inSize(), l.outSize());
			} else if (SpikingLayers.hasNeurons(l)) {
				Synapses c = synapses(input, l);
				w.ints("l" + i + "_pre", c.pre()).ints("l" + i + "_post", c.post()).floats("l" + i + "_w", c.weight());
			}
			if (SpikingLayers.hasNeurons(l))
				w.floats("l" + i + "_bias", bias(input, l));
			PerNeuronConstants own = SpikingLayers.hasNeurons(l) ? PerNeuronConstants.of(input, l) : null;
			if (own != null) // only a layer whose weights give parameters per neuron (ScriptLimits: the targets that write them)
				for (var c : own.byName().entrySet())
					w.floats("l" + i + "_" + c.getKey(), c.getValue());
		}
		for (DelayedEdge e : input.spiking().delayed()) // a script target refuses other delayed edges (ScriptLimits)
			w.floats("l" + e.to() + "_rec", input.weights().get(e.weightKey()).data(), spiking.get(e.from()).outSize(),
					spiking.get(e.to()).outSize());
		for (var a : targetArrays.entrySet())
			w.floats(a.getKey(), a.getValue());
		SampleSet s = input.samples();
		if (s != null) {
			NetLayer first = spiking.get(0);
			Synapses synapses = synapses(input, first);
			int in = first.inSize(), out = first.outSize();
			float[] current = new float[s.count() * out], row = new float[out], bias = bias(input, first);
			for (int k = 0; k < s.count(); k++) {
				synapses.forward(s.features(), k * in, row);
				for (int j = 0; j < out; j++)
					current[k * out + j] = row[j] + bias[j];
			}
			w.floats("x", s.features(), s.count(), in).ints("labels", s.labels()).floats("current0", current, s.count(), out);
			RunSettings run = input.run();
			if (run.input() == RunSettings.Input.POISSON) {
				IntList sample = new IntList(), step = new IntList(), index = new IntList();
				int[] spikes = new int[in];
				for (int k = 0; k < s.count(); k++) {
					PoissonInput poisson = new PoissonInput(run.seed(), k, run.poissonProbabilityPerStep());
					for (int t = 0; t < run.steps(); t++) {
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
