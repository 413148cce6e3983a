package org.volr.ann;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.Add;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.PoolOp;
import org.volr.model.Pool;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/**
 * The SameDiff graph that trains a network: the same layers as {@link AnnModel} runs, with trainable variables
 * held in Volr Studio's weight layouts (so reading them back needs no conversion) and a softmax cross-entropy
 * loss on the logits. Dropout masks are fed in as inputs, drawn from the seeded generator of the training run.
 */
final class TrainingGraph {
	static final String INPUT = "input", LABEL = "label";

	final SameDiff sd = SameDiff.create();
	final SDVariable loss;
	/** Weight-store name → trainable variable, in layer order. */
	final Map<String, SDVariable> parameters = new LinkedHashMap<>();
	final List<DropoutMask> dropoutMasks = new ArrayList<>();
	/** Whether oneDNN refuses a convolution of the graph: then it trains without helpers (Nd4jSupport.withoutHelpers). */
	boolean oneDnnRefuses;

	private final ShapeInference shapes;
	private final Map<Layer, String> names;
	private final SplittableRandom init;
	/** The input of the most recent softmax, while nothing but shape layers came after it. */
	private SDVariable softmaxInput;

	/** A dropout layer: the mask placeholder's name, the shape of one sample's mask and the dropped fraction. */
	record DropoutMask(String placeholder, int[] sampleShape, double rate) {
	}

	TrainingGraph(Network network, int classes, SplittableRandom init) {
		this.shapes = ShapeInference.of(network);
		this.names = LayerNames.of(network);
		this.init = init;
		NetType type = NetworkCompiler.checkedType(network, shapes);
		if (type.out().size() != classes)
			throw new AnnException("network '" + network.getName() + "' has " + type.out().size() + " outputs, but the data has "
					+ classes + " classes");
		SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, batchShape(type.in().dims()));
		SDVariable labels = sd.placeHolder(LABEL, DataType.FLOAT, -1, classes);
		SDVariable out = build(network.getBody(), input);
		// a softmax output is trained through its logits; any other output is taken as the logits
		SDVariable logits = softmaxInput != null ? softmaxInput : out;
		if (type.out().rank() > 1)
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

	private SDVariable build(NetExpr e, SDVariable x) {
		if (e instanceof Sequence seq) {
			SDVariable cur = x;
			for (NetExpr step : seq.getSteps())
				cur = build(step, cur);
			return cur;
		}
		if (e instanceof Fork fork) {
			SDVariable[] outs = new SDVariable[fork.getBranches().size()];
			for (int i = 0; i < outs.length; i++)
				outs[i] = build(fork.getBranches().get(i), x);
			softmaxInput = null;
			if (!(fork instanceof Add))
				return sd.concat(1, outs);
			SDVariable sum = outs[0];
			for (int i = 1; i < outs.length; i++)
				sum = sum.add(outs[i]);
			return sum;
		}
		if (e instanceof Let let)
			return build(let.getBody(), x);
		if (e instanceof Layer layer)
			return layer(layer, x);
		throw new AnnException("cannot train " + e.eClass().getName());
	}

	private SDVariable layer(Layer layer, SDVariable x) {
		String name = names.get(layer);
		NetType t = shapes.typeOf(layer);
		if (layer instanceof Dense) {
			int in = (int) t.in().size(), out = (int) t.out().size();
			SDVariable w = parameter(name + ".weight", new int[] { in, out }, in, out);
			SDVariable b = parameter(name + ".bias", new int[] { out }, 0, 0);
			return activate(layer.getActivation(), x.mmul(w).add(b));
		}
		if (layer instanceof Conv conv)
			return activate(conv.getActivation(), conv(conv, name, t, x));
		if (layer instanceof Pool pool) {
			softmaxInput = null;
			boolean oneD = Geometry.oneD(pool);
			SDVariable in = oneD ? x.reshape(-1, t.in().dim(0), 1, t.in().dim(1)) : x;
			SDVariable out = Geometry.max(pool) ? sd.cnn().maxPooling2d(in, Geometry.pool(pool)) : sd.cnn().avgPooling2d(in, Geometry.pool(pool));
			if (oneD)
				out = out.reshape(-1, t.out().dim(0), t.out().dim(1));
			return explicit(layer.getActivation(), out);
		}
		if (layer instanceof GlobalPool g) {
			softmaxInput = null;
			int[] spatial = new int[t.in().rank() - 1];
			for (int i = 0; i < spatial.length; i++)
				spatial[i] = i + 2;
			return explicit(g.getActivation(), g.getOp() == PoolOp.MAX ? x.max(spatial) : x.mean(spatial));
		}
		if (layer instanceof Flatten || layer instanceof Reshape)
			return explicit(layer.getActivation(), x.reshape(batchShape(t.out().dims())));
		if (layer instanceof ActivationLayer)
			return activate(layer.getActivation(), x);
		if (layer instanceof Dropout d) {
			SDVariable out = d.getRate() > 0 ? x.mul(dropoutMask(name, t.in().dims(), d.getRate())) : x;
			return explicit(layer.getActivation(), out);
		}
		if (layer instanceof Identity)
			return explicit(layer.getActivation(), x);
		if (layer instanceof BatchNorm)
			throw new AnnException("layer '" + name + "' is a batchnorm; training with batch norm is not supported, remove it");
		throw new AnnException("layer '" + name + "' (" + layer.eClass().getName() + ") cannot be trained");
	}

	private SDVariable conv(Conv conv, String name, NetType t, SDVariable x) {
		int in = t.in().dim(0), out = t.out().dim(0);
		int[] k = Geometry.kernel(conv);
		long field = (long) k[0] * k[1];
		boolean oneD = Geometry.oneD(conv), depthwise = conv.getKind() == ConvKind.DEPTHWISE2D;
		SDVariable w, kernel;
		if (depthwise) {
			int m = out / in;
			w = parameter(name + ".weight", new int[] { out, 1, k[0], k[1] }, field, m * field);
			kernel = w.reshape(in, m, k[0], k[1]).permute(2, 3, 0, 1);
		} else {
			int[] shape = oneD ? new int[] { out, in, k[1] } : new int[] { out, in, k[0], k[1] };
			w = parameter(name + ".weight", shape, in * field, out * field);
			kernel = (oneD ? w.reshape(out, in, 1, k[1]) : w).permute(2, 3, 1, 0);
		}
		SDVariable b = parameter(name + ".bias", new int[] { out }, 0, 0);
		SDVariable input = oneD ? x.reshape(-1, in, 1, t.in().dim(1)) : x;
		var geometry = Geometry.conv(conv);
		oneDnnRefuses |= Nd4jSupport.oneDnnRefuses(geometry);
		SDVariable y = depthwise ? sd.cnn().depthWiseConv2d(input, kernel, b, geometry) : sd.cnn().conv2d(input, kernel, b, geometry);
		return oneD ? y.reshape(-1, out, t.out().dim(1)) : y;
	}

	/** Fans of 0 mean a bias: zeros. */
	private SDVariable parameter(String name, int[] shape, long fanIn, long fanOut) {
		int count = 1;
		for (int d : shape)
			count *= d;
		float[] values = fanIn == 0 ? new float[count] : GlorotUniform.sample(count, fanIn, fanOut, init);
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
		Activation f = Activations.effective(a);
		softmaxInput = f == Activation.SOFTMAX ? x : null;
		return switch (f) {
		case RELU -> sd.nn().relu(x, 0);
		case LINEAR -> x;
		case SIGMOID -> sd.nn().sigmoid(x);
		case TANH -> sd.nn().tanh(x);
		case SOFTMAX -> sd.nn().softmax(x, 1);
		default -> throw new AnnException("unknown activation " + a);
		};
	}

	/** Layers without neurons apply an activation only when one is written; they keep a pending softmax input. */
	private SDVariable explicit(Activation a, SDVariable x) {
		if (a == null || a == Activation.UNSPECIFIED)
			return x;
		return activate(a, x);
	}
}
