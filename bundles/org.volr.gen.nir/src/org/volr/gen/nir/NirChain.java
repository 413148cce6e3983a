package org.volr.gen.nir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.volr.convert.ImportException;
import org.volr.convert.Labels;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirGraph.Node;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Flatten;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.ShapeInference;
import org.volr.net.WeightKeys;

/**
 * The network a graph's chain becomes, node by node ({@link NirReader} walks the chain): an Affine, Linear, Conv2d,
 * AvgPool2d or SumPool2d node becomes a layer with its weights in Volr's layouts (dense [in, out], conv2d
 * [out, in, kh, kw]), labelled with the node's name; a Flatten node re-indexes; a SumPool2d node without neurons after
 * it is held and folded into the next weight node ({@link SumPoolFold}); the Output node is checked against the
 * chain's shape. Each node that does not fit is refused naming it.
 */
final class NirChain {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	private final Path file;
	private final NirGraph graph;
	private final NodeFields fields;
	private final List<String> notes;
	private final Labels labels = new Labels();
	private final Network network = F.createNetwork();
	private final Block block = F.createBlock();
	private final WeightStore store = new WeightStore();
	/** A SumPool2d without neurons, to be folded into the next weight node. */
	private SumPoolFold fold;

	NirChain(Path file, NirGraph graph, NodeFields fields, List<String> notes, String networkName, int[] inputShape) {
		this.file = file;
		this.graph = graph;
		this.fields = fields;
		this.notes = notes;
		network.setName(networkName);
		network.setBody(block);
		Shape shape = F.createShape();
		for (int d : inputShape)
			shape.getDims().add(d);
		network.setInput(shape);
	}

	Network network() {
		return network;
	}

	WeightStore store() {
		return store;
	}

	boolean isEmpty() {
		return block.getSteps().isEmpty();
	}

	/** An Affine or Linear node as a dense layer. */
	Layer linear(String n, String type, Node g) throws ImportException {
		FloatTensor w = fields.tensor(g, "weight");
		int[] ws = w.shape();
		if (ws.length != 2)
			throw new ImportException(file, "node '" + n + "' (" + type + "): weight of shape " + Arrays.toString(ws)
					+ ", Volr reads 2-D [out, in] weights only");
		Dense d = F.createDense();
		d.setUnits(ws[0]);
		String label = label(n, type);
		d.setLabel(label);
		if (fold != null) {
			if (ws[1] != fold.pooledSize())
				throw new ImportException(file, "node '" + n + "' (" + type + ") reads " + ws[1] + " values, but the map pooled by '"
						+ fold.node + "' (SumPool2d) before it has " + fold.pooledSize());
			w = fold.denseWeight(w);
			notes.add("node '" + fold.node + "' (SumPool2d, " + fold.window() + ") has no neurons after it: folded into '" + n + "' ("
					+ type + "), each weight of a pooled value given to the " + fold.window() + " values it sums (layer '" + label
					+ "' reads the flattened map before the pool, " + fold.channels + "×" + fold.height + "×" + fold.width + ")");
			fold = null;
		}
		store.put(WeightKeys.weight(label), inOut(w));
		if (type.equals("Affine"))
			store.put(WeightKeys.bias(label), fields.tensor(g, "bias"));
		return add(d, n, type);
	}

	/**
	 * A Scale node after the dense or convolution layer d (and before its neurons), folded into d's weights and bias:
	 * the neurons read s ⊙ (W·x + b) = (s ⊙ W)·x + s ⊙ b, so each output's weights (its column of a dense layer's
	 * [in, out] weights; its filter of a convolution's [out, in, kh, kw]) and its bias entry are multiplied by its
	 * scale, one per output (channel) or one for all (SEMANTICS.md, "Scale, Threshold and Delay in NIR graphs").
	 */
	void scale(String n, Node g, Layer d) throws ImportException {
		int outputs;
		if (d instanceof Dense dense)
			outputs = dense.getUnits();
		else if (d instanceof Conv conv)
			outputs = conv.getFilters();
		else
			throw new ImportException(file, "node '" + n + "' (Scale) follows no Affine, Linear or Conv2d node; Volr folds a Scale into"
					+ " the weights of the node before it");
		String label = d.getLabel();
		float[] s = fields.tensor(g, "scale").data();
		if (s.length != 1 && s.length != outputs)
			throw new ImportException(file, "node '" + n + "' (Scale) has " + s.length + " scales for the " + outputs + " outputs of '"
					+ label + "'");
		FloatTensor w = store.get(WeightKeys.weight(label));
		float[] sw = w.data().clone();
		// dense [in, out]: the output is the index mod the outputs; conv [out, in, kh, kw]: the index over one filter's size
		int filter = sw.length / outputs;
		for (int i = 0; i < sw.length; i++)
			sw[i] *= s[s.length == 1 ? 0 : d instanceof Dense ? i % outputs : i / filter];
		store.put(WeightKeys.weight(label), new FloatTensor(w.shape(), sw));
		String bias = WeightKeys.bias(label);
		if (store.contains(bias)) {
			float[] b = store.get(bias).data().clone();
			for (int o = 0; o < b.length; o++)
				b[o] *= s[s.length == 1 ? 0 : o];
			store.put(bias, new FloatTensor(store.get(bias).shape(), b));
		}
		notes.add("node '" + n + "' (Scale) is folded into layer '" + label + "': each output's weights" + (store.contains(bias)
				? " and bias" : "") + " multiplied by its scale");
	}

	/** A Conv2d node as a convolution layer. */
	Layer conv(String n, Node g) throws ImportException {
		String type = "Conv2d";
		FloatTensor w = fields.tensor(g, "weight");
		int[] ws = w.shape();
		if (ws.length != 4)
			throw new ImportException(file, "node '" + n + "' (Conv2d): weight of shape " + Arrays.toString(ws));
		long groups = g.has("groups") ? (long) fields.need(g, "groups").values()[0] : 1;
		if (groups != 1)
			throw new ImportException(file, "node '" + n + "' (Conv2d) has groups = " + groups + "; Volr reads groups = 1 only");
		Conv c = F.createConv();
		c.setKind(ConvKind.CONV2D);
		c.setFilters(ws[0]);
		String label = label(n, type);
		c.setLabel(label);
		int[] stride = fields.ints(g, "stride"), dil = fields.ints(g, "dilation"), pad;
		if (g.texts().get("padding") instanceof String s) {
			if (fold != null && s.equals("same"))
				throw new ImportException(file, "node '" + fold.node + "' (SumPool2d) has no neurons after it and cannot be folded into '"
						+ n + "' (Conv2d), whose padding is 'same'; Volr folds a pool into a convolution of numeric padding");
			c.setPadding(s.equals("same") ? Padding.SAME : Padding.VALID);
			pad = new int[2];
		} else {
			c.setPadding(Padding.VALID);
			pad = fields.ints(g, "padding");
		}
		if (fold != null) {
			// one convolution on the pool's input: kernel spread over k×k blocks, stride and padding times k
			String why = fold.convRefusal();
			if (why != null)
				throw new ImportException(file, "node '" + fold.node + "' (SumPool2d) has no neurons after it and cannot be folded into '"
						+ n + "' (Conv2d): " + why);
			int[] k = { fold.kh, fold.kw };
			w = fold.convWeight(w, dil[0], dil[1]);
			for (int i = 0; i < 2; i++) {
				stride[i] *= k[i];
				pad[i] *= k[i];
				dil[i] = 1;
			}
			notes.add("node '" + fold.node + "' (SumPool2d, " + fold.window() + ") has no neurons after it: folded into '" + n
					+ "' (Conv2d), one convolution on the pool's input with each kernel entry spread over a " + fold.window()
					+ " block: kernel " + w.shape()[2] + "×" + w.shape()[3] + ", stride " + stride[0] + "×" + stride[1] + ", padding "
					+ pad[0] + "×" + pad[1]);
			fold = null;
		}
		c.getKernel().addAll(collapse(new int[] { w.shape()[2], w.shape()[3] }));
		if (Arrays.stream(stride).anyMatch(v -> v != 1))
			c.getStride().addAll(collapse(stride));
		if (Arrays.stream(dil).anyMatch(v -> v != 1))
			c.getDilation().addAll(collapse(dil));
		if (Arrays.stream(pad).anyMatch(v -> v != 0))
			c.getPadAmount().addAll(collapse(pad));
		store.put(WeightKeys.weight(label), w);
		store.put(WeightKeys.bias(label), fields.tensor(g, "bias"));
		return add(c, n, type);
	}

	/** An AvgPool2d or SumPool2d node as a pooling layer; null for a SumPool2d held to be folded into the next layer. */
	Layer pool(String n, String type, Node g) throws ImportException {
		if (type.equals("SumPool2d") && !graph.forwardSuccessors(n).stream().allMatch(m -> NirSupport.NEURONS.contains(fields.type(m)))) {
			// no neurons after it: NirSupport found a layer after it to fold it into (SumPoolFold)
			int[] k = fields.ints(g, "kernel_size"), s = fields.ints(g, "stride"), pad = fields.ints(g, "padding"), in = currentShape();
			String why = SumPoolFold.refusal(k, s, pad, in);
			if (why != null)
				throw new ImportException(file, "node '" + n + "' (SumPool2d) has no neurons after it and cannot be folded into the"
						+ " layer after it: " + why);
			fold = new SumPoolFold(n, k[0], k[1], in);
			return null;
		}
		Pool p = F.createPool();
		p.setKind(type.equals("SumPool2d") ? PoolKind.SUM2D : PoolKind.AVG2D);
		p.setLabel(label(n, type));
		int[] k = fields.ints(g, "kernel_size"), s = fields.ints(g, "stride"), pad = fields.ints(g, "padding");
		if (Arrays.stream(pad).anyMatch(v -> v != 0))
			throw new ImportException(file, "node '" + n + "' (" + type + ") has padding " + Arrays.toString(pad)
					+ "; Volr's pooling has none");
		p.getSize().addAll(collapse(k));
		if (!Arrays.equals(k, s))
			p.getStride().addAll(collapse(s));
		p.setPadding(Padding.VALID);
		return add(p, n, type);
	}

	void flatten(String n, Node g) throws ImportException {
		String type = "Flatten";
		int start = (int) fields.need(g, "start_dim").values()[0];
		int end = (int) fields.need(g, "end_dim").values()[0];
		int rank = fields.ints(g, "input_type").length;
		if (start != 0 || (end != -1 && end != rank - 1))
			throw new ImportException(file, "node '" + n + "' (Flatten) flattens dims " + start + ".." + end + " of a rank-"
					+ rank + " input; Volr flattens everything (start_dim 0, end_dim -1)");
		Flatten f = F.createFlatten();
		f.setLabel(label(n, type));
		add(f, n, type);
	}

	/** Checks the Output node against the chain's end. */
	void output(String n, Node g) throws ImportException {
		int[] s = fields.ints(g, "shape");
		ShapeInference si = ShapeInference.of(network);
		var t = block.getSteps().isEmpty() ? null : si.typeOf(block.getSteps().get(block.getSteps().size() - 1));
		long size = Arrays.stream(s).asLongStream().reduce(1, (a, b) -> a * b);
		if (t != null && t.out().size() != size)
			throw new ImportException(file, "Output node '" + n + "' has shape " + Arrays.toString(s) + " but the chain ends in "
					+ t.out());
		if (!graph.successors(n).isEmpty())
			throw new ImportException(file, "Output node '" + n + "' has outgoing edges " + graph.successors(n));
	}

	/** The shape the chain has reached: the last layer's output, or the network's input. */
	private int[] currentShape() {
		if (block.getSteps().isEmpty())
			return network.getInput().getDims().stream().mapToInt(Integer::intValue).toArray();
		return ShapeInference.of(network).typeOf(block.getSteps().get(block.getSteps().size() - 1)).out().dims();
	}

	/** NIR's dense weight [out, in] in Volr's layout [in, out] (for a recurrent weight: [from, to]). */
	static FloatTensor inOut(FloatTensor w) {
		int[] ws = w.shape();
		float[] t = new float[ws[0] * ws[1]];
		for (int o = 0; o < ws[0]; o++)
			for (int i = 0; i < ws[1]; i++)
				t[i * ws[0] + o] = w.data()[o * ws[1] + i];
		return new FloatTensor(new int[] { ws[1], ws[0] }, t);
	}

	/** The layer label for node n: its name if that is an identifier, else a deterministic identifier, with a note. */
	private String label(String n, String type) {
		String label = labels.fresh(n);
		if (!label.equals(n))
			notes.add("node '" + n + "' (" + type + ") is labelled '" + label + "' (a label must be an identifier)");
		return label;
	}

	private Layer add(Layer layer, String n, String type) throws ImportException {
		block.getSteps().add(layer);
		ShapeInference si = ShapeInference.of(network);
		if (!si.problems().isEmpty() || si.typeOf(layer) == null)
			throw new ImportException(file, "node '" + n + "' (" + type + ") does not fit the shape of its input: "
					+ (si.problems().isEmpty() ? "unknown shape" : si.problems().get(0).message()));
		return layer;
	}

	private static List<Integer> collapse(int[] v) {
		if (v.length == 2 && v[0] == v[1])
			return List.of(v[0]);
		return Arrays.stream(v).boxed().toList();
	}
}
