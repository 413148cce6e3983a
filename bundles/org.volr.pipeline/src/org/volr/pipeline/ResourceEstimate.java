package org.volr.pipeline;

import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.model.Training;
import org.volr.model.shapes.ShapeInference;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.SimulationConfig;

/**
 * The memory a run will take, estimated from the network's shapes and the simulation settings before anything is
 * allocated, so that a network or a setting too large for this process is refused at its clause, with the size and
 * what to change, instead of an OutOfMemoryError minutes later. The estimates count the arrays the steps hold at
 * once (weights in their copies, the simulator's per-step records and delay buffers); they are lower bounds, so a
 * refusal is never wrong, while a run that passes may still be tight.
 */
final class ResourceEstimate {
	/** Copies of every weight alive during a run: as loaded, converted, the simulator's plans, nd4j's for the ANN. */
	private static final int RUN_COPIES = 4;
	/** Training adds gradients and the optimiser's two moments (Adam) to the weights and their nd4j copy. */
	private static final int TRAINING_COPIES = 5;
	/** Part of the heap left to everything not counted here (nd4j workspaces, datasets, the model, the JIT). */
	private static final double USABLE = 0.75;

	private final ExperimentSetup setup;
	private final long heap;

	private ResourceEstimate(ExperimentSetup setup, long heap) {
		this.setup = setup;
		this.heap = heap;
	}

	static ResourceEstimate forThisProcess(ExperimentSetup setup) {
		return new ResourceEstimate(setup, Runtime.getRuntime().maxMemory());
	}

	/** The weights of the network, held in {@code copies} copies (training or a run), must fit. */
	void checkWeights(boolean training) throws PipelineException {
		Network network = setup.experiment.getNetwork();
		ShapeInference shapes = ShapeInference.of(network);
		long total = shapes.totalParameters(network);
		int copies = training ? TRAINING_COPIES : RUN_COPIES;
		long bytes = saturatingMultiply(total, 4L * copies);
		if (bytes <= usable())
			return;
		Layer largest = largestLayer(network, shapes);
		String what = largest == null ? "network '" + network.getName() + "'"
				: "layer " + describe(largest) + " (" + String.format(Locale.ROOT, "%,d", shapes.parameters(largest)) + " weights)";
		throw new PipelineException(String.format(Locale.ROOT, "network '%s' has %,d weights: %s as float32 in the %d copies %s holds,"
				+ " more than the %s this process may use; make %s smaller, or give Java more memory (VOLR_MAX_HEAP=16g ./volr ...,"
				+ " or -Xmx in the workbench's .ini)", network.getName(), total, gigabytes(bytes), copies, training ? "training" : "a run",
				gigabytes(usable()), what), largest != null && largest.eResource() != null ? largest : setup.experiment);
	}

	/** The simulator's records (per step and per thread) and delay buffers must fit. */
	void checkSimulation(SimulationConfig config) throws PipelineException {
		ResolvedNetwork network = setup.network;
		long inputs = elements(network.inputShape());
		long neurons = 0; // the simulator's neurons: those of the layers with weights
		for (NetLayer layer : network.weighted())
			neurons += elements(layer.outShape());
		int runners = config.effectiveThreads() + 1; // + the warm-up
		// per runner: the first-spike and correct-class counts of every step (int + long), the result's copies of both
		long perStep = saturatingMultiply(config.steps(), 12L * runners + 24L);
		// per runner: every layer's (and the input's) spikes of the last delay + 1 steps
		long delayBuffers = saturatingMultiply(saturatingMultiply(config.delay() + 1L, inputs + neurons), 4L * runners);
		EObject clause = setup.experiment.getSimulation() != null ? setup.experiment.getSimulation() : setup.experiment;
		if (perStep > usable())
			throw new PipelineException(String.format(Locale.ROOT, "duration %,d steps needs %s for the simulator's per-step records"
					+ " alone, more than the %s this process may use; simulate fewer steps", config.steps(), gigabytes(perStep),
					gigabytes(usable())), clause);
		if (perStep + delayBuffers > usable())
			throw new PipelineException(String.format(Locale.ROOT, "delay %,d keeps the spikes of %,d steps for %,d neurons in each of %d"
					+ " threads: %s, more than the %s this process may use; use a shorter delay", config.delay(), config.delay() + 1L,
					inputs + neurons, runners, gigabytes(perStep + delayBuffers), gigabytes(usable())), clause);
	}

	/**
	 * Training's length, bounded from below: every mini-batch costs nd4j at least a millisecond here, however small
	 * the network (measured: 3–30 ms for the xor example's). A training that would take more than a month even so is a
	 * typo ({@code epochs 2147483647}), refused at the train clause before the first batch.
	 */
	void checkTraining(Training training, int samples) throws PipelineException {
		long batch = Math.max(1, training.getBatch());
		long batches = saturatingMultiply(Math.max(1, training.getEpochs()), (samples + batch - 1) / batch);
		double days = batches * MIN_SECONDS_PER_BATCH / 86_400;
		if (days > MAX_TRAINING_DAYS)
			throw new PipelineException(String.format(Locale.ROOT, "epochs %,d over %,d samples in batches of %d are %,d mini-batches:"
					+ " more than %.0f days even at %.0f ms a batch; lower epochs", training.getEpochs(), samples, batch, batches, days,
					MIN_SECONDS_PER_BATCH * 1000), training);
	}

	private static final double MIN_SECONDS_PER_BATCH = 0.001;
	private static final double MAX_TRAINING_DAYS = 30;

	private long usable() {
		return (long) (heap * USABLE);
	}

	private static Layer largestLayer(Network network, ShapeInference shapes) {
		Layer largest = null;
		for (var it = network.eAllContents(); it.hasNext();)
			if (it.next() instanceof Layer l && (largest == null || shapes.parameters(l) > shapes.parameters(largest)))
				largest = l;
		return largest;
	}

	private static String describe(Layer layer) {
		return layer.getLabel() != null ? "'" + layer.getLabel() + "'" : "(" + layer.eClass().getName().toLowerCase(Locale.ROOT) + ")";
	}

	/** A shape's element count, in long: the networks this class refuses are those whose counts may pass the int range. */
	private static long elements(int[] shape) {
		long n = 1;
		for (int d : shape)
			n = saturatingMultiply(n, d);
		return n;
	}

	private static String gigabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
	}

	private static long saturatingMultiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
	}
}
