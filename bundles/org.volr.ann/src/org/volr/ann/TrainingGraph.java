package org.volr.ann;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.weights.WeightStore;
import org.volr.net.Activation;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.QcfsLayers;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;
import org.volr.net.WeightKeys;

/**
 * The SameDiff graph that trains a network: the same layers as {@link AnnModel} runs, with trainable variables
 * held in Volr Studio's weight layouts (so reading them back needs no conversion) and a softmax cross-entropy
 * loss on the logits. Dropout masks are fed in as inputs, drawn from the seeded generator of the training run.
 * Under QCFS the relu of the hidden layers ({@link QcfsLayers}) is replaced by {@link Qcfs#graph}, each with a
 * trainable clip λ; parameters start from given weights where there are any (a fine-tune), else from Glorot draws.
 */
final class TrainingGraph {
	static final String INPUT = "input", LABEL = "label";

	final SameDiff sd = SameDiff.create();
	final SDVariable loss;
	/** Weight-store name → trainable variable, in layer order. */
	final Map<String, SDVariable> parameters = new LinkedHashMap<>();
	final List<DropoutMask> dropoutMasks = new ArrayList<>();
	/** The QCFS layers in order, each with its pre-activation and its clip λ (a scalar variable); empty under relu. */
	final List<QcfsLayer> qcfsLayers = new ArrayList<>();
	/** L of the QCFS layers, 0 when the hidden layers keep their relu. */
	final int levels;
	/** Whether oneDNN refuses a convolution of the graph: then it trains without helpers (Nd4jSupport.withoutHelpers). */
	boolean oneDnnRefuses;

	private final SplittableRandom init;
	/** The weights training starts from, or null: Glorot-uniform kernels and zero biases. */
	private final WeightStore start;
	/** The keys of the layers whose relu QCFS replaces. */
	private final Set<String> quantised;
	/** The input of the most recent softmax, while nothing but shape layers came after it. */
	private SDVariable softmaxInput;

	/** A dropout layer: the mask placeholder's name, the shape of one sample's mask and the dropped fraction. */
	record DropoutMask(String placeholder, int[] sampleShape, double rate) {
	}

	/** A layer whose relu QCFS replaced: its key, the pre-activation z it quantises and its clip λ. */
	record QcfsLayer(String key, SDVariable preActivation, SDVariable clip) {
	}

	/**
	 * @param levels L of the QCFS activation for the hidden layers, or 0 to keep their relu
	 * @param start  the weights to start from (shapes checked by the caller), or null
	 */
	TrainingGraph(ResolvedNetwork network, int classes, SplittableRandom init, int levels, WeightStore start) {
		this.init = init;
		this.levels = levels;
		this.start = start;
		this.quantised = levels > 0 ? QcfsLayers.of(network).stream().map(NetLayer::key).collect(Collectors.toSet()) : Set.of();
		InputPlan output = InputPlan.ofOutput(network);
		if (output.size() != classes)
			throw new AnnException("network '" + network.name() + "' has " + output.size() + " outputs, but the data has "
					+ classes + " classes");
		SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, batchShape(network.inputShape()));
		SDVariable labels = sd.placeHolder(LABEL, DataType.FLOAT, -1, classes);
		// layers in order (every layer after those it reads), as their parameters and random draws always came
		SDVariable[] outs = new SDVariable[network.layers().size()];
		for (NetLayer layer : network.layers())
			outs[layer.index()] = layer(layer, assemble(InputPlan.of(layer, network), input, outs));
		SDVariable out = assemble(output, input, outs);
		// a softmax output is trained through its logits; any other output is taken as the logits
		SDVariable logits = softmaxInput != null ? softmaxInput : out;
		if (output.shape().length > 1)
			logits = logits.reshape(-1, classes);
		this.loss = sd.loss().softmaxCrossEntropy("loss", labels, logits, null);
		sd.setLossVariables(loss);
	}

	private static long[] batchShape(int[] sample) {
		long[] shape = new long[sample.length + 1];
		shape[0] = -1;
		for (int i = 0; i < sample.length; i++)
			shape[i + 1] = sample[i];
		return shape;
	}

	/**
	 * A layer's input from its sources: parallel branches concatenated on axis 1, added branches summed left to
	 * right (see {@link InputPlan}). A join ends any softmax pending before it: the logits are a branch's no more.
	 */
	private SDVariable assemble(InputPlan plan, SDVariable input, SDVariable[] outs) {
		List<Source> sources = plan.sources();
		if (plan.single())
			return value(sources.get(0), input, outs);
		softmaxInput = null;
		SDVariable[] parts = new SDVariable[plan.segments().size()];
		for (int p = 0; p < parts.length; p++) {
			InputPlan.Segment segment = plan.segments().get(p);
			SDVariable sum = null;
			for (int i : segment.sources()) {
				SDVariable term = value(sources.get(i), input, outs);
				if (plan.sliced()) {
					int start = sources.get(i).offset();
					term = term.reshape(-1, plan.size(i)).get(SDIndex.all(), SDIndex.interval(segment.from() - start, segment.to() - start));
				}
				sum = sum == null ? term : sum.add(term);
			}
			parts[p] = sum;
		}
		SDVariable joined = parts.length == 1 ? parts[0] : sd.concat(1, parts);
		return plan.sliced() ? joined.reshape(batchShape(plan.shape())) : joined;
	}

	private static SDVariable value(Source s, SDVariable input, SDVariable[] outs) {
		return s.isInput() ? input : outs[s.layer()];
	}

	private SDVariable layer(NetLayer layer, SDVariable x) {
		String name = layer.key();
		int[] in = layer.inShape(), out = layer.outShape();
		return switch (layer.kind()) {
		case LayerKind.Dense d -> {
			SDVariable w = parameter(layer.weightKey(), layer.weightShape(), layer.inSize(), d.units());
			SDVariable b = parameter(layer.biasKey(), layer.biasShape(), 0, 0);
			yield weightedActivation(layer, x.mmul(w).add(b));
		}
		case LayerKind.Conv c -> weightedActivation(layer, conv(layer, c, x));
		case LayerKind.Pool p -> {
			softmaxInput = null;
			boolean oneD = p.window().oneD();
			SDVariable input = oneD ? x.reshape(-1, in[0], 1, in[1]) : x;
			var geometry = Geometry.pool(p.window(), p.op());
			SDVariable y = switch (p.op()) {
			case MAX -> sd.cnn().maxPooling2d(input, geometry);
			case AVG -> sd.cnn().avgPooling2d(input, geometry);
			case SUM -> sd.cnn().depthWiseConv2d(input, sd.constant(Geometry.sumKernel(p.window(), in[0])), Geometry.conv(p.window()));
			};
			if (oneD)
				y = y.reshape(-1, out[0], out[1]);
			yield explicit(layer.activation(), y);
		}
		case LayerKind.GlobalPool g -> {
			softmaxInput = null;
			int[] spatial = new int[in.length - 1];
			for (int i = 0; i < spatial.length; i++)
				spatial[i] = i + 2;
			yield explicit(layer.activation(), g.max() ? x.max(spatial) : x.mean(spatial));
		}
		case LayerKind.Flatten f -> explicit(layer.activation(), x.reshape(batchShape(out)));
		case LayerKind.Reshape r -> explicit(layer.activation(), x.reshape(batchShape(out)));
		case LayerKind.ActivationOnly a -> activate(layer.activation(), x);
		case LayerKind.Dropout d -> explicit(layer.activation(), d.rate() > 0 ? x.mul(dropoutMask(name, in, d.rate())) : x);
		case LayerKind.Identity i -> explicit(layer.activation(), x);
		case LayerKind.BatchNorm b -> throw new AnnException("layer '" + name + "' is a batchnorm; training with batch norm is not"
				+ " supported, remove it");
		};
	}

	private SDVariable conv(NetLayer layer, LayerKind.Conv conv, SDVariable x) {
		int in = layer.inChannels(), out = layer.outChannels();
		int kh = conv.window().kh(), kw = conv.window().kw();
		long field = (long) kh * kw;
		boolean oneD = conv.window().oneD(), depthwise = conv.depthwise();
		SDVariable w, kernel;
		if (depthwise) {
			int m = out / in;
			w = parameter(layer.weightKey(), layer.weightShape(), field, m * field);
			kernel = w.reshape(in, m, kh, kw).permute(2, 3, 0, 1);
		} else {
			w = parameter(layer.weightKey(), layer.weightShape(), in * field, out * field);
			kernel = (oneD ? w.reshape(out, in, 1, kw) : w).permute(2, 3, 1, 0);
		}
		SDVariable b = parameter(layer.biasKey(), layer.biasShape(), 0, 0);
		SDVariable input = oneD ? x.reshape(-1, in, 1, layer.inShape()[1]) : x;
		var geometry = Geometry.conv(conv.window());
		oneDnnRefuses |= Nd4jSupport.oneDnnRefuses(geometry);
		SDVariable y = depthwise ? sd.cnn().depthWiseConv2d(input, kernel, b, geometry) : sd.cnn().conv2d(input, kernel, b, geometry);
		return oneD ? y.reshape(-1, out, layer.outShape()[1]) : y;
	}

	/** A dense or convolution layer's activation: QCFS in place of the relu of a hidden layer, else its own. */
	private SDVariable weightedActivation(NetLayer layer, SDVariable z) {
		if (!quantised.contains(layer.key()))
			return activate(layer.activation(), z);
		softmaxInput = null;
		// λ is set from the data before training starts (Trainer), when z can be measured; 1 until then
		SDVariable clip = sd.var(WeightKeys.clip(layer.key()), Nd4j.scalar(1f));
		qcfsLayers.add(new QcfsLayer(layer.key(), z, clip));
		return Qcfs.graph(sd, z, clip, levels);
	}

	/**
	 * The values of a weight or bias: the start weights' where they have it, else Glorot-uniform draws, or zeros for a
	 * bias (fans of 0), which a start without the bias also means.
	 */
	private SDVariable parameter(String name, int[] shape, long fanIn, long fanOut) {
		int count = 1;
		for (int d : shape)
			count *= d;
		float[] values;
		if (start != null && start.contains(name)) {
			values = start.get(name).data();
			if (values.length != count)
				throw new AnnException("the weights to start from give '" + name + "' " + values.length + " values, but the layer needs "
						+ Arrays.toString(shape));
		} else if (start != null && fanIn != 0) {
			throw new AnnException("the weights to start from have no '" + name + "'; they have " + String.join(", ", start.names()));
		} else {
			values = fanIn == 0 ? new float[count] : GlorotUniform.sample(count, fanIn, fanOut, init);
		}
		long[] longShape = new long[shape.length];
		for (int i = 0; i < shape.length; i++)
			longShape[i] = shape[i];
		SDVariable v = sd.var(name, Nd4j.create(values, longShape, 'c'));
		parameters.put(name, v);
		return v;
	}

	private SDVariable dropoutMask(String layerName, int[] sampleShape, double rate) {
		String placeholder = layerName + ".dropout";
		dropoutMasks.add(new DropoutMask(placeholder, sampleShape, rate));
		return sd.placeHolder(placeholder, DataType.FLOAT, batchShape(sampleShape));
	}

	private SDVariable activate(Activation a, SDVariable x) {
		softmaxInput = a == Activation.SOFTMAX ? x : null;
		return switch (a) {
		case RELU -> sd.nn().relu(x, 0);
		case LINEAR -> x;
		case SIGMOID -> sd.nn().sigmoid(x);
		case TANH -> sd.nn().tanh(x);
		case SOFTMAX -> sd.nn().softmax(x, 1);
		};
	}

	/** Layers without neurons apply an activation only when one is written; they keep a pending softmax input. */
	private SDVariable explicit(Activation a, SDVariable x) {
		return a == null ? x : activate(a, x);
	}
}
