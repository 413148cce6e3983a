package org.volr.sim;

/** How input samples drive the first layer (SEMANTICS.md, "Input encodings"). */
public enum Encoding {
	/** the analog values are a constant input current */
	CONSTANT,
	/** each value x spikes with probability x · rate · dt per step */
	POISSON,
	/** recorded events (DVS), binned into steps of dt */
	EVENTS
}
