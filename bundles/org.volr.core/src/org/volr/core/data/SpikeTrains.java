package org.volr.core.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Spike trains given step by step in the data ({@code simulate { input spikes }}; SEMANTICS.md, "Input encodings"):
 * every sample is [steps, inputs...] of 0 and 1, step t of the array being the run's step t. The simulator reads
 * the run's first steps of every sample ({@link #trains}); the ANN, the normalisation and training read what each
 * input receives per step on average over those steps ({@link #rates}), as for event recordings. Both refuse, as
 * the batches stream, a value other than 0 or 1, naming the file, the sample, the step and the input.
 */
public final class SpikeTrains {
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

	/** The run's first steps of every sample, [steps, inputs] of 0 and 1: what the simulator reads. */
	public Dataset trains() {
		return new View(new int[] { steps, inputs }) {
			@Override
			void fill(float[] raw, int from, float[] out, int to) {
				System.arraycopy(raw, from, out, to, steps * inputs);
			}
		};
	}

	/** For every input the spikes it receives per step over the run's steps, in the network's input shape: what the ANN reads. */
	public Dataset rates() {
		return new View(inputShape) {
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
	private abstract class View implements Dataset {
		private final int[] shape;

		View(int[] shape) {
			this.shape = shape.clone();
		}

		/** Writes the sample at raw[from..] (its first steps checked) to out[to..], which is zero. */
		abstract void fill(float[] raw, int from, float[] out, int to);

		@Override
		public String name() {
			return data.name();
		}

		@Override
		public int[] sampleShape() {
			return shape.clone();
		}

		@Override
		public int numClasses() {
			return data.numClasses();
		}

		@Override
		public int size() {
			return data.size();
		}

		@Override
		public int[] labels() {
			return data.labels();
		}

		@Override
		public BatchIterator batches(int batchSize) {
			BatchIterator batches = data.batches(batchSize);
			int size = Shapes.product(shape), storedSize = storedSteps * inputs;
			return new BatchIterator() {
				private long sample;

				@Override
				public boolean hasNext() {
					return batches.hasNext();
				}

				@Override
				public Batch next() {
					Batch b = batches.next();
					float[] raw = b.features(), out = new float[b.size() * size];
					for (int s = 0; s < b.size(); s++, sample++) {
						check(raw, s * storedSize, sample);
						fill(raw, s * storedSize, out, s * size);
					}
					return new Batch(out, b.labels(), shape);
				}

				@Override
				public void close() {
					batches.close();
				}
			};
		}
	}

	/** Spikes are 0 or 1: anything else in the run's steps is refused where it is. */
	private void check(float[] raw, int from, long sample) {
		for (int k = 0; k < steps * inputs; k++) {
			float v = raw[from + k];
			if (v != 0f && v != 1f)
				throw new DataFormatException(file, String.format(Locale.ROOT, "sample %d, step %d, input %d: %s is not a spike"
						+ " (input spikes take 0 or 1 per input and step)", sample, k / inputs, k % inputs, Float.toString(v)));
		}
	}
}
