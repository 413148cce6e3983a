package org.volr.net;

/** What a layer applies to its sum: dense and convolution layers apply relu unless another is written. */
public enum Activation {
	RELU, LINEAR, SOFTMAX, SIGMOID, TANH;

	/** The name as written in .volr files. */
	public String written() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
