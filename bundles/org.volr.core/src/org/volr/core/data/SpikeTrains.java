package org.volr.core.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * Spike trains given step by step in the data ({@code simulate { input spikes }}; SEMANTICS.md, "Input encodings"):
 * every sample is [steps, inputs...] of 0 and 1, step t of the array being the run's step t. The simulator reads
 * the run's first steps of every sample ({@link #trains}) and refuses a value other than 0 or 1 as it reads it (it
 * reads every value once anyway); the ANN, the normalisation and training read what each input receives per step on
 * average over those steps ({@link #rates}), which refuses such a value as the batches stream. Both name the file,
 * the sample, the step and the input.
 */
public final class SpikeTrains {
	/** Eight bytes of a sample at a time: most are all 0 (with 3 % spikes, four words in five). */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	/** The bits of a word that are 0 in each of its bytes exactly when every byte is 0 or 1. */
	private static final long NOT_SPIKES = 0xFEFE_FEFE_FEFE_FEFEL;
	private final Dataset data;
	private final String file;
	private final int steps, inputs, storedSteps;
	private final int[] inputShape;

	private SpikeTrains(Dataset data, String file, int steps, int storedSteps, int[] inputShape) {
		this.data = data;
		this.file = file;
		this.steps = steps;
		this.storedSteps = storedSteps;
		this.inputShape = inputShape.clone();
		this.inputs = Shapes.product(inputShape);
	}

	/**
	 * The data's samples as spike trains for a run of {@code steps} steps into a network taking {@code inputShape}:
	 * each sample must be [s, inputs...] (s ≥ steps, the inputs' values as many as the network's, in its order).
	 *
	 * @param file the data file named in messages
	 */
	public static SpikeTrains of(Dataset data, int steps, int[] inputShape, String file) {
		int[] shape = data.sampleShape();
		int inputs = Shapes.product(inputShape);
		// the last axes hold the inputs, the ones before them the steps (a 2-D [steps, inputs] in a file is read as [1, steps, inputs])
		long tail = 1;
		int axis = shape.length;
		while (axis > 1 && tail < inputs)
			tail *= shape[--axis];
		long stored = Shapes.product(shape) / Math.max(tail, 1);
		String expected = "[steps, " + describe(inputShape) + "] with steps ≥ " + steps + " (the run's duration)";
		if (tail != inputs)
			throw new DataFormatException(file, "input spikes need every sample as " + expected + ", 0 or 1 per input and step;"
					+ " the samples are " + Arrays.toString(shape) + " and the network takes " + Arrays.toString(inputShape));
		if (stored < steps)
			throw new DataFormatException(file, "the spike trains hold " + stored + " steps, the run simulates " + steps
					+ ": every sample must be " + expected + "; shorten the duration or give longer trains");
		return new SpikeTrains(data, file, steps, (int) stored, inputShape);
	}

	/** The steps each sample of the data holds (at least the run's). */
	public int storedSteps() {
		return storedSteps;
	}

	/**
	 * The run's first steps of every sample, [steps, inputs]: what the simulator reads, refusing what is not 0 or 1
	 * (org.volr.sim's Simulator), so that the reader streaming the samples beside it does not pass over every value too.
	 */
	public Dataset trains() {
		int[] shape = { steps, inputs };
		// a file of bytes (uint8, bool) is read as the inputs that spike at each step, straight from its bytes: no
		// float per value, and the simulator does not scan every input of every step for the few that spike
		if (data instanceof StreamingDataset stored && stored.bytesAsStored())
			return new View(shape, false, false) {
				@Override
				void fill(float[] raw, int from, float[] out, int to) { // as the view of floats below; batches() does not call it
					System.arraycopy(raw, from, out, to, steps * inputs);
				}

				@Override
				public BatchIterator batches(int batchSize) {
					return stored.byteBatches(batchSize, (n, labels, next, first) -> {
						int[][][] spikes = new int[n][][];
						int[] scratch = new int[inputs];
						for (int s = 0; s < n; s++)
							spikes[s] = stepSpikes(next.apply(s), first + s, scratch);
						return Batch.ofSpikes(spikes, labels, shape);
					});
				}
			};
		// when the data holds just the run's steps, its arrays are the trains as they are
		return new View(shape, false, storedSteps == steps) {
			@Override
			void fill(float[] raw, int from, float[] out, int to) {
				System.arraycopy(raw, from, out, to, steps * inputs);
			}
		};
	}

	/** For every input the spikes it receives per step over the run's steps, in the network's input shape: what the ANN reads. */
	public Dataset rates() {
		return new View(inputShape, true, false) {
			@Override
			void fill(float[] raw, int from, float[] out, int to) {
				for (int t = 0; t < steps; t++)
					for (int i = 0; i < inputs; i++)
						out[to + i] += raw[from + t * inputs + i];
				for (int i = 0; i < inputs; i++)
					out[to + i] /= steps;
			}
		};
	}

	private static String describe(int[] shape) {
		return Arrays.toString(shape).replaceAll("[\\[\\]]", "");
	}

	/** The data's samples checked and reshaped sample by sample. */
	private abstract class View extends DatasetView {
		private final int[] shape;
		/** Whether it refuses values other than 0 and 1; whether a batch's values are the data's own. */
		private final boolean checks, asStored;

		View(int[] shape, boolean checks, boolean asStored) {
			super(SpikeTrains.this.data);
			this.shape = shape.clone();
			this.checks = checks;
			this.asStored = asStored;
		}

		/** Writes the sample at raw[from..] (its first steps checked) to out[to..], which is zero. */
		abstract void fill(float[] raw, int from, float[] out, int to);

		@Override
		public int[] sampleShape() {
			return shape.clone();
		}

		@Override
		protected Batch view(Batch b, long firstSample) {
			int size = Shapes.product(shape), storedSize = storedSteps * inputs;
			float[] raw = b.features(), out = asStored ? raw : new float[b.size() * size];
			for (int s = 0; s < b.size(); s++) {
				if (checks && !spikes(raw, s * storedSize))
					refuse(raw, s * storedSize, firstSample + s);
				if (!asStored)
					fill(raw, s * storedSize, out, s * size);
			}
			return new Batch(out, b.labels(), shape);
		}
	}

	/**
	 * Whether the run's steps of the sample at raw[from..] hold nothing but 0 and 1, in one pass the JIT vectorises, as
	 * the reader streams every value of every sample: |v·(v − 1)| is 0 exactly for 0 and 1 (it neither underflows nor
	 * cancels for any other float; ∞ and NaN stay what they are). Measured: 0.4 ns a value against 1.7 for a loop that
	 * tests each value and 6.9 for one that ors the tests.
	 */
	private boolean spikes(float[] raw, int from) {
		float off = 0f;
		for (int k = from, end = from + steps * inputs; k < end; k++) {
			float v = raw[k];
			off = Math.max(off, Math.abs(v * (v - 1f)));
		}
		return off == 0f;
	}

	/**
	 * The inputs that spike at each of the run's steps of a sample stored as bytes, ascending; a byte other than 0 and
	 * 1 is refused. Eight bytes at a time: a word of 0s is skipped, and in one of 0s and 1s each 1 is a set bit.
	 *
	 * @param scratch room for one step's spikes
	 */
	private int[][] stepSpikes(byte[] bytes, long sample, int[] scratch) {
		int[][] spikes = new int[steps][];
		for (int t = 0; t < steps; t++) {
			int from = t * inputs, count = 0, i = 0;
			for (; i + Long.BYTES <= inputs; i += Long.BYTES) {
				long word = (long) WORDS.get(bytes, from + i);
				if (word == 0)
					continue;
				if ((word & NOT_SPIKES) != 0)
					refuse(bytes, sample);
				for (; word != 0; word &= word - 1)
					scratch[count++] = i + (Long.numberOfTrailingZeros(word) >>> 3);
			}
			for (; i < inputs; i++) {
				int v = bytes[from + i];
				if (v != 0) {
					if (v != 1)
						refuse(bytes, sample);
					scratch[count++] = i;
				}
			}
			spikes[t] = Arrays.copyOf(scratch, count);
		}
		return spikes;
	}

	/** Throws naming the first byte of the sample that is not a spike (there is one: see stepSpikes). */
	private void refuse(byte[] bytes, long sample) {
		for (int k = 0; k < steps * inputs; k++)
			if ((bytes[k] & 0xFF) > 1)
				throw notASpike(sample, k, bytes[k] & 0xFF);
	}

	private DataFormatException notASpike(long sample, int k, float v) {
		return new DataFormatException(file, String.format(Locale.ROOT, "sample %d, step %d, input %d: %s is not a spike"
				+ " (input spikes take 0 or 1 per input and step)", sample, k / inputs, k % inputs, Float.toString(v)));
	}

	/** Throws naming the first value of the sample that is not a spike (there is one: see spikes). */
	private void refuse(float[] raw, int from, long sample) {
		for (int k = 0; k < steps * inputs; k++) {
			float v = raw[from + k];
			if (v != 0f && v != 1f)
				throw notASpike(sample, k, v);
		}
	}
}
