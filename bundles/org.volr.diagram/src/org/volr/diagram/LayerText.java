package org.volr.diagram;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.GlobalPool;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Reshape;
import org.volr.model.shapes.TensorShape;

/** The words a node shows: a layer as the user wrote it, shapes and parameter counts in a compact form. */
final class LayerText {
	private LayerText() {
	}

	/** "dense 120 relu", "conv2d 6×5×5 relu", "avgpool 2×2", "flatten": the layer's kind and arguments. */
	static String kind(Layer layer) {
		String text = arguments(layer);
		Activation a = layer.getActivation();
		if (a != null && a != Activation.UNSPECIFIED && !(layer instanceof ActivationLayer))
			text += " " + a.getLiteral();
		if (layer instanceof Dense d && d.isRecurrent())
			text += " recurrent";
		return text;
	}

	private static String arguments(Layer layer) {
		if (layer instanceof Dense d)
			return d.isSetInputs() ? "dense " + d.getInputs() + " " + d.getUnits() : "dense " + d.getUnits();
		if (layer instanceof Conv c)
			return conv(c);
		if (layer instanceof Pool p)
			return pool(p);
		if (layer instanceof GlobalPool g)
			return g.getOp().getLiteral();
		if (layer instanceof Flatten)
			return "flatten";
		if (layer instanceof Reshape r)
			return "reshape " + TensorShape.of(r.getShape().stream().mapToInt(Integer::intValue).toArray());
		if (layer instanceof BatchNorm)
			return "batchnorm";
		if (layer instanceof Dropout d)
			return "dropout " + String.format(Locale.ROOT, "%s", d.getRate());
		if (layer instanceof ActivationLayer a)
			return "activation " + a.getActivation().getLiteral();
		if (layer instanceof Identity)
			return "identity";
		return layer.eClass().getName().toLowerCase(Locale.ROOT);
	}

	/** "conv2d 6×5×5": filters × kernel, the shape of the weight tensor without its input channels. */
	private static String conv(Conv c) {
		int spatial = c.getKind() == ConvKind.CONV1D ? 1 : 2;
		String kernel = times(c.getKernel(), spatial);
		String text;
		if (c.getKind() == ConvKind.DEPTHWISE2D)
			text = c.getKind().getLiteral() + " " + kernel + (c.isSetMultiplier() && c.getMultiplier() != 1 ? " ×" + c.getMultiplier() : "");
		else
			text = c.getKind().getLiteral() + " " + c.getFilters() + "×" + kernel;
		if (c.getStride().stream().anyMatch(s -> s != 1))
			text += " /" + times(c.getStride(), spatial);
		return text;
	}

	private static String pool(Pool p) {
		int spatial = p.getKind() == PoolKind.MAX1D || p.getKind() == PoolKind.AVG1D ? 1 : 2;
		List<Integer> size = p.getSize().isEmpty() ? List.of(2) : p.getSize();
		String text = p.getKind().getLiteral() + " " + times(size, spatial);
		// pooling strides default to the window; only a different stride is worth showing
		if (!p.getStride().isEmpty() && !times(p.getStride(), spatial).equals(times(size, spatial)))
			text += " /" + times(p.getStride(), spatial);
		return text;
	}

	/** [5] over two axes → "5×5"; [3, 1] → "3×1". */
	private static String times(List<Integer> values, int axes) {
		if (values.isEmpty())
			return "?";
		if (values.size() == 1)
			return java.util.Collections.nCopies(axes, values.get(0).toString()).stream().collect(Collectors.joining("×"));
		return values.stream().map(String::valueOf).collect(Collectors.joining("×"));
	}

	/**
	 * A layer's output: a population of neurons as "784 × IF" or "[6, 28, 28] × IF" (one neuron per value, of the
	 * experiment's model or the layer's own; drawing them one by one would swamp the diagram), or without neurons
	 * (flatten, max pooling) just its shape, "400" or "[16, 5, 5]".
	 */
	static String population(TensorShape shape, String neuron) {
		if (shape == null)
			return "?";
		String values = shape.isVector() ? String.valueOf(shape.dim(0)) : shape.toString();
		return neuron == null ? values : values + " × " + neuron;
	}

	/** What flows along an edge: "[6, 28, 28]" or "784". */
	static String flow(TensorShape shape) {
		return shape == null ? "?" : shape.toString();
	}

	/** "156 params", "44,426 params". */
	static String parameters(long count) {
		return String.format(Locale.ROOT, "%,d params", count);
	}
}
