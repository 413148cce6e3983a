package org.volr.sim.plan;

/**
 * One layer of a lowered spiking network: a linear map from the previous layer's outputs (indexed in
 * channels-first order) to this layer's neurons, plus the neurons' bias. The simulator drives it event by event.
 */
public abstract class LayerPlan {
	protected final String label;
	protected final int[] inShape, outShape;
	protected final int inSize, outSize;

	protected LayerPlan(String label, int[] inShape, int[] outShape) {
		this.label = label;
		this.inShape = inShape.clone();
		this.outShape = outShape.clone();
		this.inSize = product(inShape);
		this.outSize = product(outShape);
	}

	public String label() {
		return label;
	}

	public int inSize() {
		return inSize;
	}

	public int outSize() {
		return outSize;
	}

	public int[] outShape() {
		return outShape.clone();
	}

	/** Adds the effect of one spike of input {@code input} to {@code current}; returns the synaptic operations done. */
	public abstract int deliver(int input, float[] current);

	/** Delivers the spikes {@code inputs[0..count)} of one step, in order; returns the synaptic operations done. */
	public int deliverAll(int[] inputs, int count, float[] current) {
		int ops = 0;
		for (int e = 0; e < count; e++)
			ops += deliver(inputs[e], current);
		return ops;
	}

	/**
	 * Delivers spikes that carry payloads (SEMANTICS.md, "Spikes with payloads"): spike e adds (1 + payloads[e])·w,
	 * as w and then payloads[e]·w; returns the synaptic operations done (one per connection, as a plain spike).
	 */
	public int deliverWithPayloads(int[] inputs, float[] payloads, int count, float[] current) {
		int ops = 0;
		for (int e = 0; e < count; e++) {
			ops += deliver(inputs[e], current);
			if (payloads[e] != 0f)
				deliverScaled(inputs[e], payloads[e], current);
		}
		return ops;
	}

	/** The analog map without bias, out = W·x, for a first layer driven by constant input. */
	public void forward(float[] x, int offset, float[] out) {
		java.util.Arrays.fill(out, 0f);
		for (int i = 0; i < inSize; i++) {
			float xi = x[offset + i];
			if (xi != 0)
				deliverScaled(i, xi, out);
		}
	}

	/**
	 * W·x + b for {@code samples} samples side by side ({@code x}: samples × inSize values, {@code out}: samples ×
	 * outSize): the constant currents of a layer reading the input, for a whole batch. Layers with an nd4j
	 * counterpart (dense: one matrix product, convolution: one conv2d op) override this.
	 */
	public void forwardBatch(float[] x, int samples, float[] out) {
		float[] one = new float[outSize], b = bias();
		for (int s = 0; s < samples; s++) {
			forward(x, s * inSize, one);
			for (int j = 0; j < outSize; j++)
				out[s * outSize + j] = one[j] + b[j];
		}
	}

	/**
	 * Copies an nd4j result [samples, outSize] (c order, its own buffer) to out and adds the expanded bias to every
	 * sample's row. One bulk copy: reading the values one by one (asFloat) took longer than the product itself.
	 */
	protected final void copyAddingBias(org.nd4j.linalg.api.ndarray.INDArray rows, float[] out) {
		int samples = (int) rows.rows();
		rows.data().asNioFloat().get(0, out, 0, samples * outSize);
		float[] b = bias();
		for (int s = 0; s < samples; s++)
			for (int j = 0, at = s * outSize; j < outSize; j++)
				out[at + j] += b[j];
	}

	/** Like {@link #deliver} with a spike of height {@code scale} (an analog value). */
	protected abstract void deliverScaled(int input, float scale, float[] current);

	/** The bias of every neuron, expanded per neuron (never null; zeros if the layer has none). */
	public abstract float[] bias();

	/**
	 * The layer's excitatory synapses (its positive weights) or inhibitory ones (its negative weights, as
	 * magnitudes) alone, each times {@code factor}; null when there are none. Conductance-based neurons need the
	 * two apart, since each opens its own conductance.
	 */
	public LayerPlan signedPart(boolean excitatory, float factor) {
		throw new UnsupportedOperationException(label + " has no synapses to split");
	}

	/** The weights of one sign as magnitudes times factor (others 0), or null when no weight has that sign. */
	protected static float[] signed(float[] weights, boolean excitatory, float factor) {
		float[] part = new float[weights.length];
		boolean any = false;
		for (int k = 0; k < weights.length; k++) {
			float w = excitatory ? weights[k] : -weights[k];
			if (w > 0) {
				part[k] = w * factor;
				any = true;
			}
		}
		return any ? part : null;
	}

	/** Whether a population of neurons sits behind the map (max pooling only routes spikes). */
	public boolean hasNeurons() {
		return true;
	}

	static int product(int[] shape) {
		int n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}
}
