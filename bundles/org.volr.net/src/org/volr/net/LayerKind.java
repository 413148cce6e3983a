package org.volr.net;

import java.util.Arrays;

/**
 * What a layer computes, one record per kind with the parameters that kind has once resolved. The interface is
 * sealed: a switch over it without a default is checked by the compiler, so adding a kind lists every consumer
 * that must compute it (or refuse it by name through {@link #written()}).
 */
public sealed interface LayerKind {
	/** The kind as written in .volr files ("dense", "conv2d", "avgpool", ...), for messages and refusals. */
	String written();

	/**
	 * Whether the layer hands its input on unchanged, in the same channels-first order, at inference time: flatten,
	 * reshape, identity and dropout (its activation aside).
	 */
	default boolean passesValuesOn() {
		return false;
	}

	/** A fully connected layer: every input to each of {@code units} outputs. Weights [in, units], bias [units]. */
	record Dense(int units) implements LayerKind {
		@Override
		public String written() {
			return "dense";
		}
	}

	enum ConvType {
		CONV1D("conv1d"), CONV2D("conv2d"), DEPTHWISE2D("depthwise_conv2d");

		private final String written;

		ConvType(String written) {
			this.written = written;
		}
	}

	/**
	 * A convolution with {@code channels} output channels. Weights [out, in, kh, kw] (conv2d), [out, in, k] (conv1d),
	 * [in·multiplier, 1, kh, kw] (depthwise: output channel c reads input channel c / multiplier); bias [out].
	 */
	record Conv(ConvType type, int channels, int multiplier, Window window) implements LayerKind {
		@Override
		public String written() {
			return type.written;
		}

		public boolean depthwise() {
			return type == ConvType.DEPTHWISE2D;
		}
	}

	enum PoolOp {
		MAX, AVG, SUM
	}

	/**
	 * Max, average or sum pooling over a window per channel; averages divide by the real (not padded) inputs, sums
	 * add them with weight 1 (NIR's SumPool2d, as Sinabs exports).
	 */
	record Pool(PoolOp op, Window window) implements LayerKind {
		@Override
		public String written() {
			return op.name().toLowerCase(java.util.Locale.ROOT) + "pool" + (window.oneD() ? "1d" : "");
		}
	}

	/** Max or average over all positions of each channel: [C, ...] → [C]. */
	record GlobalPool(boolean max) implements LayerKind {
		@Override
		public String written() {
			return max ? "globalmaxpool" : "globalavgpool";
		}
	}

	record Flatten() implements LayerKind {
		@Override
		public String written() {
			return "flatten";
		}

		@Override
		public boolean passesValuesOn() {
			return true;
		}
	}

	record Reshape(int[] shape) implements LayerKind {
		public Reshape {
			shape = shape.clone();
		}

		@Override
		public int[] shape() {
			return shape.clone();
		}

		@Override
		public String written() {
			return "reshape";
		}

		@Override
		public boolean passesValuesOn() {
			return true;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Reshape r && Arrays.equals(shape, r.shape);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(shape);
		}
	}

	record Identity() implements LayerKind {
		@Override
		public String written() {
			return "identity";
		}

		@Override
		public boolean passesValuesOn() {
			return true;
		}
	}

	/** Drops inputs with probability {@code rate} while training; hands them on at inference. */
	record Dropout(double rate) implements LayerKind {
		@Override
		public String written() {
			return "dropout";
		}

		@Override
		public boolean passesValuesOn() {
			return true;
		}
	}

	record BatchNorm(double epsilon) implements LayerKind {
		@Override
		public String written() {
			return "batchnorm";
		}
	}

	/** A layer that only applies its activation (the layer's {@link NetLayer#activation()}). */
	record ActivationOnly() implements LayerKind {
		@Override
		public String written() {
			return "activation";
		}
	}
}
