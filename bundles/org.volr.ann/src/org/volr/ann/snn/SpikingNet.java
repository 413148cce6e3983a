package org.volr.ann.snn;

import java.util.Arrays;
import java.util.List;

import org.volr.model.ResetMode;
import org.volr.model.SpikeLoss;

/**
 * A feed-forward chain of dense layers of spiking neurons under constant input, run for T steps as the simulator runs
 * it, and its gradient by backpropagation through time (SEMANTICS.md, "Training spiking networks"). The forward pass
 * goes layer by layer over all steps (without a delay a spike reaches the next layer in its own step, so a layer's
 * spikes of every step are known before the next layer runs); it adds a layer's input in the simulator's order (the
 * first layer's W·x by sgemm and then its bias, a later layer's rows of weights of the neurons that fired, in neuron
 * order, then its bias), so that its spikes are the simulator's.
 * <p>
 * Weights are [in, out] row-major, as the weight store and the simulator keep them.
 */
public final class SpikingNet {
	final int[] sizes;
	final float[][] weights, biases;
	final SpikingNeurons[] neurons;
	final int steps;
	final SpikeLoss loss;
	final SurrogateGradient surrogate;
	/** For the gradient check: fire by the surrogate's smooth function instead of the step, so that the loss is differentiable. */
	final boolean smooth;

	/**
	 * @param sizes   the input size, then every layer's
	 * @param neurons every layer's neurons (the output's are not read under the membrane loss)
	 */
	public SpikingNet(int[] sizes, float[][] weights, float[][] biases, List<SpikingNeurons> neurons, int steps, SpikeLoss loss,
			SurrogateGradient surrogate, boolean smooth) {
		if (steps <= 0)
			throw new IllegalArgumentException("spiking training needs at least one step, got " + steps);
		this.sizes = sizes.clone();
		this.weights = weights;
		this.biases = biases;
		this.neurons = neurons.toArray(SpikingNeurons[]::new);
		this.steps = steps;
		this.loss = loss;
		this.surrogate = surrogate;
		this.smooth = smooth;
	}

	int layers() {
		return weights.length;
	}

	/** What the forward pass of a batch of n samples keeps for the backward pass: per layer, [step][sample·size]. */
	public static final class Pass {
		final int n;
		final float[] input;
		/** Membrane before the threshold test, and spikes (0/1, or the smooth function's value), per layer and step. */
		final float[][][] potential, spikes;
		/** The logits: spike counts (counts loss) or the summed input current over T (membrane loss), [n·classes]. */
		final float[] logits;
		/** The output layer's summed input current Σ_t I(t), [n·classes] (the integrated readout). */
		final float[] integrated;

		Pass(int n, float[] input, float[][][] potential, float[][][] spikes, float[] logits, float[] integrated) {
			this.n = n;
			this.input = input;
			this.potential = potential;
			this.spikes = spikes;
			this.logits = logits;
			this.integrated = integrated;
		}

		/** Output spikes of every sample, [n·classes]. */
		public int[] outputCounts() {
			float[][] out = spikes[spikes.length - 1];
			int classes = out[0].length / n;
			int[] counts = new int[n * classes];
			for (float[] step : out)
				for (int i = 0; i < counts.length; i++)
					counts[i] += (int) step[i];
			return counts;
		}
	}

	/** Runs n samples (x: [n·inputs]) for T steps. */
	public Pass forward(float[] x, int n) {
		int L = layers();
		float[][][] potential = new float[L][steps][], spikes = new float[L][steps][];
		float[] integrated = null;
		// the first layer's input current, the same at every step: sgemm, then the bias (as the simulator's forwardBatch)
		float[] current = Gemm.multiply(x, n, sizes[0], false, weights[0], sizes[0], sizes[1], false);
		addBias(current, n, biases[0]);
		for (int l = 0; l < L; l++) {
			int size = sizes[l + 1], layer = l;
			boolean out = l == L - 1;
			float[] sum = out ? new float[n * size] : null;
			for (int t = 0; t < steps; t++) {
				potential[l][t] = new float[n * size];
				spikes[l][t] = new float[n * size];
			}
			float[] v = new float[n * size];
			float[] in = l == 0 ? current : new float[n * size];
			// every sample's steps are independent of the other samples': the batch is shared out in ranges of samples
			Samples.inParallel(n, (from, to) -> {
				int a = from * size, b = to * size;
				for (int t = 0; t < steps; t++) {
					if (layer > 0)
						input(spikes[layer - 1][t], from, to, layer, in);
					if (sum != null)
						for (int i = a; i < b; i++)
							sum[i] += in[i];
					step(neurons[layer], v, in, potential[layer][t], spikes[layer][t], a, b);
				}
			});
			if (out)
				integrated = sum;
		}
		int classes = sizes[L];
		float[] logits = new float[n * classes];
		if (loss == SpikeLoss.MEMBRANE) {
			for (int i = 0; i < logits.length; i++)
				logits[i] = integrated[i] / steps;
		} else {
			for (float[] s : spikes[L - 1])
				for (int i = 0; i < logits.length; i++)
					logits[i] += s[i];
		}
		return new Pass(n, x, potential, spikes, logits, integrated);
	}

	/** A later layer's input current of one step: the weight rows of the inputs that fired, in input order, then the bias. */
	private void input(float[] below, int first, int end, int l, float[] in) {
		int from = sizes[l], size = sizes[l + 1];
		float[] w = weights[l], b = biases[l];
		float[] acc = new float[size];
		for (int k = first; k < end; k++) {
			Arrays.fill(acc, 0f);
			for (int j = 0, at = k * from; j < from; j++) {
				float s = below[at + j];
				if (s == 0f)
					continue;
				int row = j * size;
				if (s == 1f) // a spike adds its row as the simulator does (1·w is w, but say so)
					for (int o = 0; o < size; o++)
						acc[o] += w[row + o];
				else
					for (int o = 0; o < size; o++)
						acc[o] += s * w[row + o];
			}
			for (int o = 0, at = k * size; o < size; o++)
				in[at + o] = acc[o] + b[o];
		}
	}

	/** One step of a layer's neurons: u from v and the input, the spike, the reset (v is updated in place). */
	private void step(SpikingNeurons nrn, float[] v, float[] in, float[] u, float[] s, int from, int to) {
		float theta = nrn.threshold();
		boolean subtract = nrn.reset() == ResetMode.SUBTRACT;
		for (int i = from; i < to; i++) {
			float ui = nrn.integrate(v[i], in[i]);
			float si = smooth ? surrogate.smooth(ui - theta) : (ui >= theta ? 1f : 0f);
			u[i] = ui;
			s[i] = si;
			if (smooth)
				v[i] = subtract ? ui - theta * si : ui * (1 - si) + nrn.resetPotential() * si;
			else if (si == 1f)
				v[i] = subtract ? ui - theta : nrn.resetPotential();
			else
				v[i] = ui;
		}
	}

	private static void addBias(float[] rows, int n, float[] b) {
		for (int k = 0, at = 0; k < n; k++)
			for (int j = 0; j < b.length; j++)
				rows[at++] += b[j];
	}

	/**
	 * Under {@code loss rate_mse}, the output rate (spikes per step) each neuron is pulled towards: snnTorch's
	 * mse_count_loss defaults, a high but not saturated rate for the true class and a low, not silent one for the others,
	 * so that neither end of the rate's range, where the surrogate's gradient vanishes, is the target.
	 */
	static final float TRUE_RATE = 0.8f, FALSE_RATE = 0.2f;

	/**
	 * The loss of the pass against the labels: the mean softmax cross-entropy of its logits, or under rate_mse the mean
	 * over samples of Σ_c (count_c / T − target_c)².
	 */
	public float loss(Pass pass, int[] labels) {
		int classes = sizes[layers()];
		double sum = 0;
		if (loss == SpikeLoss.RATE_MSE) {
			for (int k = 0; k < pass.n; k++)
				for (int c = 0; c < classes; c++) {
					double d = pass.logits[k * classes + c] / steps - (c == labels[k] ? TRUE_RATE : FALSE_RATE);
					sum += d * d;
				}
			return (float) (sum / pass.n);
		}
		for (int k = 0; k < pass.n; k++) {
			int at = k * classes;
			float max = Float.NEGATIVE_INFINITY;
			for (int c = 0; c < classes; c++)
				max = Math.max(max, pass.logits[at + c]);
			double z = 0;
			for (int c = 0; c < classes; c++)
				z += Math.exp(pass.logits[at + c] - max);
			sum += Math.log(z) - (pass.logits[at + labels[k]] - max);
		}
		return (float) (sum / pass.n);
	}

	/**
	 * The gradient of {@link #loss} by backpropagation through time, per layer's weights and biases (same layouts). The
	 * spike's derivative is the surrogate's h'(u − θ); the reset is differentiated through (SEMANTICS.md).
	 */
	public Gradient backward(Pass pass, int[] labels) {
		int L = layers(), n = pass.n, classes = sizes[L];
		float[] dLogits = new float[n * classes];
		for (int k = 0; k < n && loss == SpikeLoss.RATE_MSE; k++)
			for (int c = 0, at = k * classes; c < classes; c++)
				dLogits[at + c] = 2 * (pass.logits[at + c] / steps - (c == labels[k] ? TRUE_RATE : FALSE_RATE)) / steps / n;
		for (int k = 0; k < n && loss != SpikeLoss.RATE_MSE; k++) {
			int at = k * classes;
			float max = Float.NEGATIVE_INFINITY;
			for (int c = 0; c < classes; c++)
				max = Math.max(max, pass.logits[at + c]);
			double z = 0;
			for (int c = 0; c < classes; c++)
				z += Math.exp(pass.logits[at + c] - max);
			for (int c = 0; c < classes; c++)
				dLogits[at + c] = (float) ((Math.exp(pass.logits[at + c] - max) / z - (c == labels[k] ? 1 : 0)) / n);
		}
		float[][] dW = new float[L][], dB = new float[L][];
		// dI[t]: the loss's gradient with respect to the current layer's input current at step t, all steps in one [T·n·size] array
		float[] dI;
		int size = classes;
		if (loss == SpikeLoss.MEMBRANE) {
			dI = new float[steps * n * size];
			for (int t = 0; t < steps; t++)
				for (int i = 0; i < n * size; i++)
					dI[t * n * size + i] = dLogits[i] / steps;
		} else {
			float[] dS = new float[steps * n * size];
			for (int t = 0; t < steps; t++)
				System.arraycopy(dLogits, 0, dS, t * n * size, n * size);
			dI = throughNeurons(L - 1, pass, dS);
		}
		for (int l = L - 1; l >= 0; l--) {
			size = sizes[l + 1];
			int from = sizes[l];
			dB[l] = new float[size];
			for (int r = 0; r < dI.length / size; r++)
				for (int o = 0; o < size; o++)
					dB[l][o] += dI[r * size + o];
			if (l == 0) {
				// the first layer's input is the same at every step: its gradient is x^T · Σ_t dI(t)
				float[] total = new float[n * size];
				for (int t = 0; t < steps; t++)
					for (int i = 0; i < total.length; i++)
						total[i] += dI[t * n * size + i];
				dW[0] = Gemm.multiply(pass.input, n, from, true, total, n, size, false);
			} else {
				float[] dS;
				if (size <= NARROW) {
					dW[l] = weightGradientFromSpikes(pass.spikes[l - 1], dI, from, size);
					dS = spikeGradient(dI, n, l);
				} else {
					float[] below = stacked(pass.spikes[l - 1]);
					dW[l] = Gemm.multiply(below, steps * n, from, true, dI, steps * n, size, false);
					dS = Gemm.multiply(dI, steps * n, size, false, weights[l], from, size, true);
				}
				dI = throughNeurons(l - 1, pass, dS);
			}
		}
		return new Gradient(dW, dB);
	}

	/**
	 * Up to this many outputs a layer's backward products are loops here rather than sgemm: a product as thin as
	 * [T·n, 256]ᵀ·[T·n, 10] costs sgemm more in copying and hand-over than in arithmetic (measured: 108 ms a batch of
	 * 128 on the example's output layer, the largest item of its backward pass), and the weights' gradient need only
	 * visit the inputs that fired.
	 */
	private static final int NARROW = 64;

	/** Σ_t s(t)ᵀ·dI(t) over the spikes that happened, [from, size]; in step and sample order, so the same on every machine. */
	private float[] weightGradientFromSpikes(float[][] below, float[] dI, int from, int size) {
		float[] dW = new float[from * size];
		int rows = below[0].length / from;
		for (int t = 0; t < below.length; t++) {
			float[] s = below[t];
			for (int k = 0; k < rows; k++) {
				int g = (t * rows + k) * size;
				for (int j = 0, at = k * from; j < from; j++) {
					float sj = s[at + j];
					if (sj == 0f)
						continue;
					int row = j * size;
					for (int o = 0; o < size; o++)
						dW[row + o] += sj * dI[g + o];
				}
			}
		}
		return dW;
	}

	/** dI(t)·Wᵀ of every step and sample, [T·n·from]: the gradient reaching the spikes of the layer below. */
	private float[] spikeGradient(float[] dI, int n, int l) {
		int from = sizes[l], size = sizes[l + 1];
		float[] w = weights[l];
		float[] dS = new float[steps * n * from];
		Samples.inParallel(n, (first, end) -> {
			for (int t = 0; t < steps; t++)
				for (int k = first; k < end; k++) {
					int g = (t * n + k) * size, out = (t * n + k) * from;
					for (int j = 0; j < from; j++) {
						int row = j * size;
						float sum = 0f;
						for (int o = 0; o < size; o++)
							sum += dI[g + o] * w[row + o];
						dS[out + j] = sum;
					}
				}
		});
		return dS;
	}

	/** The layer's steps one after the other, [T·n·size]. */
	private static float[] stacked(float[][] perStep) {
		int m = perStep[0].length;
		float[] all = new float[perStep.length * m];
		for (int t = 0; t < perStep.length; t++)
			System.arraycopy(perStep[t], 0, all, t * m, m);
		return all;
	}

	/**
	 * From the gradient with respect to layer l's spikes at every step to that with respect to its input currents, back
	 * through time: with g_v the gradient flowing into the membrane kept after step t,
	 * subtract: g_u = g_v + (g_s − θ·g_v)·h'(u − θ); to a potential: g_u = g_v·(1 − s) + (g_s + g_v·(v_reset − u))·h'(u − θ);
	 * then g_I(t) = g_u and the membrane before the step gets leak·g_u.
	 */
	private float[] throughNeurons(int l, Pass pass, float[] dS) {
		SpikingNeurons nrn = neurons[l];
		int m = pass.n * sizes[l + 1];
		float theta = nrn.threshold(), carry = nrn.carry(), vr = nrn.resetPotential();
		boolean subtract = nrn.reset() == ResetMode.SUBTRACT;
		float[] dI = new float[steps * m];
		float[] gv = new float[m];
		int size = sizes[l + 1];
		Samples.inParallel(pass.n, (first, end) -> {
			for (int t = steps - 1; t >= 0; t--) {
				float[] u = pass.potential[l][t], s = pass.spikes[l][t];
				for (int i = first * size, at = t * m; i < end * size; i++) {
					float h = surrogate.derivative(u[i] - theta), gs = dS[at + i], g = gv[i];
					float gu = subtract ? g + (gs - theta * g) * h : g * (1 - s[i]) + (gs + g * (vr - u[i])) * h;
					dI[at + i] = gu;
					gv[i] = carry * gu;
				}
			}
		});
		return dI;
	}

	/** The loss's gradient with respect to every layer's weights and biases. */
	public record Gradient(float[][] weights, float[][] biases) {
	}
}
