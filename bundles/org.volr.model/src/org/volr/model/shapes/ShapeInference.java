package org.volr.model.shapes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.volr.model.Add;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Flatten;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.Shape;
import org.volr.model.VolrFile;
import org.volr.model.VolrPackage.Literals;
import org.volr.model.shapes.ShapeProblem.Severity;

/**
 * Infers and checks the shape of every network expression, following the typing rules of the Volr thesis
 * (sequencing needs the left output to equal the right input; parallel branches share their input and
 * concatenate their outputs) extended with the output-shape arithmetic of convolution and pooling.
 *
 * <p>
 * {@code let} bindings and references behave as in the thesis compiler: a reference is checked as if the bound
 * network were written in its place, so one binding may be used at several input sizes if nothing in it fixes
 * the size. Problems found inside a reference are reported once, on the reference.
 */
public final class ShapeInference {
	public static final String SIZE_MISMATCH = "size-mismatch";
	public static final String PARALLEL_INPUTS = "parallel-inputs";
	public static final String NEEDS_FLATTEN = "needs-flatten";
	public static final String RANK = "rank";
	public static final String UNKNOWN_INPUT = "unknown-input";
	public static final String BAD_ARGUMENT = "bad-argument";
	public static final String DOES_NOT_FIT = "does-not-fit";
	public static final String CONCAT = "concat";
	public static final String ADD_SHAPES = "add-shapes";
	public static final String RECURSION = "recursion";
	public static final String BAD_REFERENCE = "bad-reference";
	public static final String EMPTY = "empty";
	public static final String TOO_LARGE = "too-large";

	private final Map<EObject, NetType> types = new IdentityHashMap<>();
	private final List<ShapeProblem> problems = new ArrayList<>();
	private final Deque<EObject> active = new ArrayDeque<>();

	private ShapeInference() {
	}

	/** Infers every network of a file: its bare calculus expression and each declared network. */
	public static ShapeInference of(VolrFile file) {
		ShapeInference inference = new ShapeInference();
		if (file.getMain() != null)
			inference.inferRoot(file.getMain(), null, file, "the expression");
		for (Element element : file.getElements())
			if (element instanceof Network network)
				inference.inferNetwork(network);
		return inference;
	}

	/** Infers one network (and what it references). */
	public static ShapeInference of(Network network) {
		ShapeInference inference = new ShapeInference();
		inference.inferNetwork(network);
		return inference;
	}

	public List<ShapeProblem> problems() {
		return Collections.unmodifiableList(problems);
	}

	/** The inferred type of a node of the model, or null if it could not be inferred (see {@link #problems()}). */
	public NetType typeOf(EObject node) {
		return types.get(node);
	}

	/** The type of a whole network, or null. */
	public NetType typeOf(Network network) {
		return network.getBody() == null ? null : types.get(network.getBody());
	}

	/**
	 * Weights and biases of one layer, as Keras counts them (batch norm: 4 per channel), or 0. A recurrent dense layer
	 * has its recurrent weights too, [units, units] (one per pair of its neurons, {@link #recurrentWeights}).
	 */
	public long parameters(EObject node) {
		NetType t = types.get(node);
		if (t == null)
			return 0;
		if (node instanceof Dense dense) {
			long in = t.in().size(), out = t.out().size();
			return in * out + out + recurrentWeights(dense);
		}
		if (node instanceof Conv conv) {
			long k = 1;
			for (int i = 0; i < t.in().rank() - 1; i++)
				k *= pick(conv.getKernel(), i, 1);
			long cin = t.in().dim(0), cout = t.out().dim(0);
			return conv.getKind() == ConvKind.DEPTHWISE2D ? k * cout + cout : k * cin * cout + cout;
		}
		if (node instanceof BatchNorm)
			return 4L * t.in().dim(0);
		return 0;
	}

	/** The weights of a recurrent dense layer onto itself, [units, units]: units²; 0 for any other layer. */
	public static long recurrentWeights(Dense dense) {
		return dense.isRecurrent() ? (long) dense.getUnits() * dense.getUnits() : 0;
	}

	/** Sum of {@link #parameters} over all layers inside the given node. */
	public long totalParameters(EObject node) {
		long total = parameters(node);
		for (EObject child : node.eContents())
			total += totalParameters(child);
		return total;
	}

	// ------------------------------------------------------------------------------------------------

	/** Where problems go: recorded for the file, or collected silently while checking a reference. */
	private final class Context {
		final boolean record;
		final List<ShapeProblem> collected = new ArrayList<>();
		EObject unknownInputAt;

		Context(boolean record) {
			this.record = record;
		}

		void error(String code, EObject node, EStructuralFeature feature, String message, String... data) {
			ShapeProblem p = new ShapeProblem(Severity.ERROR, code, message, node, feature, List.of(data));
			if (record)
				problems.add(p);
			else
				collected.add(p);
		}

		NetType remember(EObject node, NetType t) {
			if (record && t != null)
				types.put(node, t);
			return t;
		}

		NetType unknownInput(EObject node) {
			if (unknownInputAt == null)
				unknownInputAt = node;
			return null;
		}
	}

	private void inferNetwork(Network network) {
		TensorShape in = null;
		if (network.getInput() != null) {
			in = shapeOf(network.getInput());
			if (in == null)
				return;
		}
		if (network.getBody() != null)
			inferRoot(network.getBody(), in, network, "network '" + network.getName() + "'");
	}

	private TensorShape shapeOf(Shape shape) {
		int[] dims = shape.getDims().stream().mapToInt(Integer::intValue).toArray();
		for (int d : dims)
			if (d <= 0) {
				problems.add(new ShapeProblem(Severity.ERROR, BAD_ARGUMENT,
						"input dimensions must be positive, got " + TensorShape.of(dims), shape, Literals.SHAPE__DIMS));
				return null;
			}
		if (dims.length == 0)
			return null;
		TensorShape in = TensorShape.of(dims);
		if (!in.fitsAnArray()) {
			problems.add(new ShapeProblem(Severity.ERROR, TOO_LARGE, "input " + in + " holds " + sizeOf(in)
					+ " values per sample, more than " + TensorShape.MAX_SIZE, shape, Literals.SHAPE__DIMS));
			return null;
		}
		return in;
	}

	private static String sizeOf(TensorShape shape) {
		return shape.size() == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(shape.size());
	}

	private void inferRoot(NetExpr body, TensorShape in, EObject owner, String what) {
		Context ctx = new Context(true);
		active.push(owner);
		try {
			NetType t = type(body, in, ctx);
			if (t == null && ctx.unknownInputAt != null) {
				ctx.error(UNKNOWN_INPUT, owner instanceof Network ? owner : ctx.unknownInputAt,
						owner instanceof Network ? Literals.NAMED__NAME : null,
						"cannot infer the input shape of " + what + ": its first layer does not fix it;"
								+ " declare it with 'input [...]' or start with 'dense n m'");
			}
		} finally {
			active.pop();
		}
	}

	private NetType type(NetExpr e, TensorShape in, Context ctx) {
		if (e == null)
			return null;
		NetType t;
		if (e instanceof Sequence seq)
			t = typeSequence(seq, in, ctx);
		else if (e instanceof Fork fork)
			t = typeFork(fork, in, ctx);
		else if (e instanceof Let let)
			t = typeLet(let, in, ctx);
		else if (e instanceof NetRef ref)
			t = typeRef(ref, in, ctx);
		else if (e instanceof Layer layer)
			t = typeLayer(layer, in, ctx);
		else
			t = null;
		if (t != null && !t.out().fitsAnArray()) {
			// the layer arithmetic is exact (long); a sample this large would overflow every int index after it
			ctx.error(TOO_LARGE, e, null, "the output " + t.out() + " holds " + sizeOf(t.out()) + " values per sample, more than "
					+ TensorShape.MAX_SIZE);
			return null;
		}
		return ctx.remember(e, t);
	}

	private NetType typeSequence(Sequence seq, TensorShape in, Context ctx) {
		if (seq.getSteps().isEmpty()) {
			ctx.error(EMPTY, seq, null, "empty network: add at least one layer");
			return null;
		}
		TensorShape cur = in, first = null;
		for (NetExpr step : seq.getSteps()) {
			NetType t = type(step, cur, ctx);
			if (t == null)
				return null;
			if (first == null)
				first = t.in();
			cur = t.out();
		}
		return new NetType(first, cur);
	}

	private NetType typeFork(Fork fork, TensorShape in, Context ctx) {
		List<NetExpr> branches = fork.getBranches();
		if (branches.isEmpty())
			return null; // only after a syntax error ("( 20 dense 10 ⊖ dense"), which the parser reports
		if (in == null) {
			// No incoming shape: each branch must fix its own input, and all must agree (thesis rule e5).
			NetExpr firstBranch = null;
			for (NetExpr b : branches) {
				Context probe = new Context(false);
				NetType t = type(b, null, probe);
				if (t == null || t.in() == null)
					continue;
				if (in == null) {
					in = t.in();
					firstBranch = b;
				} else if (!in.equals(t.in())) {
					ctx.error(PARALLEL_INPUTS, b, null, "Parallel networks must share input sizes, got " + in
							+ " (branch " + (branches.indexOf(firstBranch) + 1) + ") and " + t.in() + " (branch "
							+ (branches.indexOf(b) + 1) + ")");
					return null;
				}
			}
			if (in == null)
				return ctx.unknownInput(fork);
		}
		List<TensorShape> outs = new ArrayList<>();
		for (NetExpr b : branches) {
			NetType t = type(b, in, ctx);
			if (t == null)
				return null;
			outs.add(t.out());
		}
		TensorShape first = outs.get(0);
		if (fork instanceof Add) {
			for (int i = 1; i < outs.size(); i++)
				if (!outs.get(i).equals(first)) {
					ctx.error(ADD_SHAPES, branches.get(i), null, "'+' adds outputs element-wise and needs equal shapes, got "
							+ first + " (branch 1) and " + outs.get(i) + " (branch " + (i + 1) + ")");
					return null;
				}
			return new NetType(in, first);
		}
		int channels = 0;
		for (int i = 0; i < outs.size(); i++) {
			TensorShape o = outs.get(i);
			boolean sameSpatial = o.rank() == first.rank();
			for (int d = 1; sameSpatial && d < o.rank(); d++)
				sameSpatial = o.dim(d) == first.dim(d);
			if (!sameSpatial) {
				ctx.error(CONCAT, branches.get(i), null, "cannot concatenate branch outputs " + first + " (branch 1) and "
						+ o + " (branch " + (i + 1) + "): feature maps must agree in every axis but the channels");
				return null;
			}
			long sum = (long) channels + o.dim(0);
			if (sum > TensorShape.MAX_SIZE) {
				ctx.error(TOO_LARGE, fork, null, "concatenating the branches gives more than " + TensorShape.MAX_SIZE + " channels");
				return null;
			}
			channels = (int) sum;
		}
		return new NetType(in, first.withDim(0, channels));
	}

	private NetType typeLet(Let let, TensorShape in, Context ctx) {
		// The bound network is checked once on its own (if it fixes its own input) ...
		if (ctx.record) {
			Context own = new Context(true);
			active.push(let);
			try {
				type(let.getValue(), null, own);
			} finally {
				active.pop();
			}
		}
		// ... and again at each reference, with the size that flows into it there.
		return type(let.getBody(), in, ctx);
	}

	private NetType typeRef(NetRef ref, TensorShape in, Context ctx) {
		EObject target = ref.getTarget();
		if (target == null || target.eIsProxy())
			return null; // the linker reports unresolved names
		String name = ref.getTarget().getName();
		NetExpr body;
		TensorShape effectiveIn = in;
		if (target instanceof Let let) {
			body = let.getValue();
		} else if (target instanceof Network network) {
			body = network.getBody();
			if (network.getInput() != null) {
				TensorShape declared = shapeOf(network.getInput());
				if (declared != null && in != null && !declared.equals(in)) {
					ctx.error(SIZE_MISMATCH, ref, Literals.NET_REF__TARGET, "Incompatible network sizes: network '" + name
							+ "' expects input " + declared + ", but the preceding network outputs " + in);
					return null;
				}
				if (effectiveIn == null)
					effectiveIn = declared;
			}
		} else {
			String kind = target instanceof Experiment ? "an experiment" : "not a network";
			ctx.error(BAD_REFERENCE, ref, Literals.NET_REF__TARGET, "'" + name + "' is " + kind + ", not a network");
			return null;
		}
		if (active.contains(target)) {
			ctx.error(RECURSION, ref, Literals.NET_REF__TARGET, "'" + name + "' refers to itself (" + cycle(target)
					+ "); networks cannot be recursive");
			return null;
		}
		Context inner = new Context(false);
		active.push(target);
		NetType t;
		try {
			t = type(body, effectiveIn, inner);
		} finally {
			active.pop();
		}
		if (!inner.collected.isEmpty()) {
			ShapeProblem p = inner.collected.get(0);
			// a cycle is no matter of fit: "'b' does not fit here: 'a' refers to itself" sent readers after sizes
			ctx.error(p.code(), ref, Literals.NET_REF__TARGET,
					p.code().equals(RECURSION) ? p.message() : "'" + name + "' does not fit here: " + p.message());
			return null;
		}
		if (t == null && inner.unknownInputAt != null)
			return ctx.unknownInput(ref);
		return t;
	}

	/** "a → b → a": the references being checked, from the target back to itself. */
	private String cycle(EObject target) {
		List<String> names = new ArrayList<>();
		for (EObject o : active) { // most recent first
			names.add(0, o instanceof org.volr.model.Named n ? n.getName() : "?");
			if (o == target)
				break;
		}
		names.add(names.get(0));
		return String.join(" → ", names);
	}

	// ------------------------------------------------------------------------------------------------ layers

	private NetType typeLayer(Layer layer, TensorShape in, Context ctx) {
		if (layer instanceof Dense dense)
			return typeDense(dense, in, ctx);
		if (in == null)
			return ctx.unknownInput(layer);
		if (layer instanceof Conv conv)
			return typeConv(conv, in, ctx);
		if (layer instanceof Pool pool)
			return typePool(pool, in, ctx);
		if (layer instanceof GlobalPool) {
			if (in.isVector()) {
				ctx.error(RANK, layer, null, "global pooling needs a feature map [channels, ...], got a vector of " + in);
				return null;
			}
			return new NetType(in, TensorShape.vector(in.dim(0)));
		}
		if (layer instanceof Flatten) {
			if (!in.fitsAnArray()) {
				ctx.error(TOO_LARGE, layer, null, "flatten: its input " + in + " holds " + sizeOf(in) + " values per sample, more than "
						+ TensorShape.MAX_SIZE);
				return null;
			}
			return new NetType(in, TensorShape.vector((int) in.size()));
		}
		if (layer instanceof Reshape reshape) {
			int[] dims = reshape.getShape().stream().mapToInt(Integer::intValue).toArray();
			TensorShape out = TensorShape.of(dims);
			if (out.size() != in.size() || out.size() == 0) {
				ctx.error(SIZE_MISMATCH, layer, Literals.RESHAPE__SHAPE, "reshape " + out + " holds " + out.size()
						+ " values, but its input " + in + " has " + in.size());
				return null;
			}
			return new NetType(in, out);
		}
		if (layer instanceof Dropout dropout && (dropout.getRate() < 0 || dropout.getRate() >= 1)) {
			ctx.error(BAD_ARGUMENT, layer, Literals.DROPOUT__RATE,
					"dropout rate must be in [0, 1), got " + dropout.getRate());
			return null;
		}
		return new NetType(in, in); // batchnorm, dropout, activation, identity keep the shape
	}

	private NetType typeDense(Dense dense, TensorShape in, Context ctx) {
		if (dense.getUnits() <= 0) {
			ctx.error(BAD_ARGUMENT, dense, Literals.DENSE__UNITS, "a dense layer needs at least one unit, got " + dense.getUnits());
			return null;
		}
		TensorShape out = TensorShape.vector(dense.getUnits());
		if (dense.isSetInputs()) {
			if (dense.getInputs() <= 0) {
				ctx.error(BAD_ARGUMENT, dense, Literals.DENSE__INPUTS, "a dense layer needs at least one input, got " + dense.getInputs());
				return null;
			}
			TensorShape declared = TensorShape.vector(dense.getInputs());
			if (in != null && !in.isVector()) {
				ctx.error(NEEDS_FLATTEN, dense, null, "dense " + dense.getInputs() + " " + dense.getUnits()
						+ " expects a vector, but gets the feature map " + in + "; insert 'flatten' before it");
			} else if (in != null && !in.equals(declared)) {
				ctx.error(SIZE_MISMATCH, dense, Literals.DENSE__INPUTS, "Incompatible network sizes: output " + in
						+ " should be equal to input " + declared + " (dense " + dense.getInputs() + " "
						+ dense.getUnits() + " expects " + declared + " inputs, the preceding network outputs " + in + ")",
						Long.toString(in.size()));
			}
			// Go on with the declared sizes, so that later layers are checked on their own terms.
			return new NetType(declared, out);
		}
		if (in == null)
			return ctx.unknownInput(dense);
		if (!in.isVector()) {
			ctx.error(NEEDS_FLATTEN, dense, null, "dense " + dense.getUnits() + " expects a vector, but gets the feature map "
					+ in + "; insert 'flatten' before it");
			return null;
		}
		return new NetType(in, out);
	}

	private NetType typeConv(Conv conv, TensorShape in, Context ctx) {
		boolean oneD = conv.getKind() == ConvKind.CONV1D;
		String name = conv.getKind().getLiteral();
		int rank = oneD ? 2 : 3;
		if (in.rank() != rank) {
			ctx.error(RANK, conv, Literals.CONV__KIND, name + " expects " + (oneD ? "[channels, length]" : "[channels, height, width]")
					+ " input, got " + (in.isVector() ? "a vector of " + in + "; use reshape first" : in));
			return null;
		}
		int channels;
		if (conv.getKind() == ConvKind.DEPTHWISE2D) {
			if (conv.isSetFilters()) {
				ctx.error(BAD_ARGUMENT, conv, Literals.CONV__FILTERS, "depthwise_conv2d has one filter per input channel;"
						+ " give 'multiplier:' instead of a filter count");
				return null;
			}
			int m = conv.isSetMultiplier() ? conv.getMultiplier() : 1;
			if (m <= 0) {
				ctx.error(BAD_ARGUMENT, conv, Literals.CONV__MULTIPLIER, "multiplier must be positive, got " + m);
				return null;
			}
			long product = (long) in.dim(0) * m;
			if (product > TensorShape.MAX_SIZE) {
				ctx.error(TOO_LARGE, conv, Literals.CONV__MULTIPLIER, "depthwise_conv2d: " + in.dim(0) + " channels × multiplier " + m
						+ " is more than " + TensorShape.MAX_SIZE + " channels");
				return null;
			}
			channels = (int) product;
		} else {
			if (!conv.isSetFilters()) {
				ctx.error(BAD_ARGUMENT, conv, Literals.CONV__KIND, name + " needs the number of filters, e.g. " + name + "(16, kernel: 3)");
				return null;
			}
			if (conv.isSetMultiplier()) {
				ctx.error(BAD_ARGUMENT, conv, Literals.CONV__MULTIPLIER, "'multiplier:' only applies to depthwise_conv2d");
				return null;
			}
			if (conv.getFilters() <= 0) {
				ctx.error(BAD_ARGUMENT, conv, Literals.CONV__FILTERS, "a convolution needs at least one filter, got " + conv.getFilters());
				return null;
			}
			channels = conv.getFilters();
		}
		if (conv.getKernel().isEmpty()) {
			ctx.error(BAD_ARGUMENT, conv, Literals.CONV__KIND, name + " needs a kernel size, e.g. " + name + "(16, kernel: 3)");
			return null;
		}
		int spatial = rank - 1;
		if (!checkArity(conv, Literals.CONV__KERNEL, conv.getKernel(), spatial, "kernel", ctx)
				|| !checkArity(conv, Literals.CONV__STRIDE, conv.getStride(), spatial, "stride", ctx)
				|| !checkArity(conv, Literals.CONV__DILATION, conv.getDilation(), spatial, "dilation", ctx)
				|| !checkArity(conv, Literals.CONV__PAD_AMOUNT, conv.getPadAmount(), spatial, "padding", ctx))
			return null;
		int[] out = new int[rank];
		out[0] = channels;
		for (int i = 0; i < spatial; i++) {
			int size = in.dim(i + 1);
			int k = pick(conv.getKernel(), i, 1), s = pick(conv.getStride(), i, 1), d = pick(conv.getDilation(), i, 1);
			int p = pick(conv.getPadAmount(), i, 0);
			if (k <= 0 || s <= 0 || d <= 0 || p < 0) {
				ctx.error(BAD_ARGUMENT, conv, null, name + ": kernel, stride and dilation must be positive and padding not negative");
				return null;
			}
			out[i + 1] = outputSize(size, k, s, d, p, conv.getPadding() == Padding.SAME && conv.getPadAmount().isEmpty());
			if (out[i + 1] < 1) {
				ctx.error(DOES_NOT_FIT, conv, Literals.CONV__KERNEL, name + ": kernel " + k + (d > 1 ? " (dilation " + d + ")" : "")
						+ " does not fit the input " + in + " (axis size " + size + " with padding " + p
						+ "); use a smaller kernel or padding: same");
				return null;
			}
		}
		return new NetType(in, TensorShape.of(out));
	}

	private NetType typePool(Pool pool, TensorShape in, Context ctx) {
		boolean oneD = pool.getKind() == PoolKind.MAX1D || pool.getKind() == PoolKind.AVG1D;
		String name = pool.getKind().getLiteral();
		int rank = oneD ? 2 : 3;
		if (in.rank() != rank) {
			ctx.error(RANK, pool, Literals.POOL__KIND, name + " expects " + (oneD ? "[channels, length]" : "[channels, height, width]")
					+ " input, got " + (in.isVector() ? "a vector of " + in : in));
			return null;
		}
		int spatial = rank - 1;
		if (!checkArity(pool, Literals.POOL__SIZE, pool.getSize(), spatial, "pool size", ctx)
				|| !checkArity(pool, Literals.POOL__STRIDE, pool.getStride(), spatial, "stride", ctx))
			return null;
		int[] out = new int[rank];
		out[0] = in.dim(0);
		for (int i = 0; i < spatial; i++) {
			int k = pick(pool.getSize(), i, 2);
			int s = pick(pool.getStride(), i, k);
			if (k <= 0 || s <= 0) {
				ctx.error(BAD_ARGUMENT, pool, Literals.POOL__SIZE, name + ": pool size and stride must be positive");
				return null;
			}
			out[i + 1] = outputSize(in.dim(i + 1), k, s, 1, 0, pool.getPadding() == Padding.SAME);
			if (out[i + 1] < 1) {
				ctx.error(DOES_NOT_FIT, pool, Literals.POOL__SIZE, name + " " + k + " does not fit the input " + in
						+ " (axis size " + in.dim(i + 1) + ")");
				return null;
			}
		}
		return new NetType(in, TensorShape.of(out));
	}

	/** Output length of a convolution or pooling along one axis (the formula of Keras and PyTorch). */
	public static int outputSize(int size, int kernel, int stride, int dilation, int pad, boolean same) {
		// in long: a kernel, dilation or padding near the int range would otherwise wrap around
		long out;
		if (same) {
			out = ((long) size + stride - 1) / stride;
		} else {
			long effective = (long) dilation * (kernel - 1) + 1;
			long span = size + 2L * pad - effective;
			out = span < 0 ? 0 : span / stride + 1;
		}
		return (int) Math.min(Integer.MAX_VALUE, out);
	}

	private static boolean checkArity(EObject node, EStructuralFeature f, List<Integer> values, int spatial, String what, Context ctx) {
		if (values.size() > 1 && values.size() != spatial) {
			ctx.error(BAD_ARGUMENT, node, f, what + " needs 1 or " + spatial + " values, got " + values.size());
			return false;
		}
		return true;
	}

	private static int pick(List<Integer> values, int axis, int fallback) {
		if (values.isEmpty())
			return fallback;
		return values.size() == 1 ? values.get(0) : values.get(axis);
	}
}
