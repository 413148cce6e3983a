package org.volr.ann;

import org.nd4j.linalg.schedule.ISchedule;
import org.volr.model.Training;

/**
 * The learning rate of every epoch under {@code train { schedule ... }}, the one rule both trainers follow (SEMANTICS.md,
 * "Learning-rate schedule"). Constant: the given rate in every epoch. Cosine: annealed from the given rate r towards
 * zero, r_e = r · (1 + cos(π e / E)) / 2 for epoch e = 0 … E − 1 of E, held for the whole epoch; this is PyTorch's
 * CosineAnnealingLR with T_max = E and η_min = 0 stepped once per epoch, as SpikingJelly's and snnTorch's tutorials
 * train, so that a setting carries over from them unchanged.
 */
public record LearningRateSchedule(org.volr.model.LearningRateSchedule kind, double rate, int epochs) {
	public LearningRateSchedule {
		if (!(rate > 0) || !Double.isFinite(rate))
			throw new AnnException("learning rate must be positive, got " + rate);
		if (epochs <= 0)
			throw new AnnException("training needs positive epochs, got " + epochs);
	}

	/** The schedule a train block asks for: its rate, epochs and schedule (constant when it names none). */
	public static LearningRateSchedule of(Training settings) {
		org.volr.model.LearningRateSchedule kind = settings.isSetSchedule() ? settings.getSchedule()
				: org.volr.model.LearningRateSchedule.CONSTANT;
		return new LearningRateSchedule(kind, settings.getLearningRate(), settings.getEpochs());
	}

	/** The rate for every batch of epoch {@code epoch} (counted from 0). */
	public double rate(int epoch) {
		if (epoch < 0 || epoch >= epochs)
			throw new IllegalArgumentException("epoch " + epoch + " outside 0.." + (epochs - 1));
		if (kind == org.volr.model.LearningRateSchedule.COSINE)
			return rate * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
		return rate;
	}

	/**
	 * This schedule as nd4j's updaters ask for a rate (the ANN trainer's Adam or SGD): by iteration, the batches counted
	 * from 0 over all epochs, since every sd.fit(batch) counts as an epoch of its own in SameDiff's epoch counter.
	 */
	public ISchedule perBatch(int batchesPerEpoch) {
		if (batchesPerEpoch <= 0)
			throw new IllegalArgumentException("an epoch needs at least one batch, got " + batchesPerEpoch);
		return new PerBatch(this, batchesPerEpoch);
	}

	private record PerBatch(LearningRateSchedule schedule, int batchesPerEpoch) implements ISchedule {
		@Override
		public double valueAt(int iteration, int epoch) {
			return schedule.rate(Math.min(iteration / batchesPerEpoch, schedule.epochs() - 1));
		}

		@Override
		public ISchedule clone() {
			return this; // immutable
		}
	}
}
