package org.volr.model.shapes;

/** The type of a network expression, Volr's {@code net l r} generalised to tensor shapes. */
public record NetType(TensorShape in, TensorShape out) {
	@Override
	public String toString() {
		return "net " + in + " " + out;
	}
}
