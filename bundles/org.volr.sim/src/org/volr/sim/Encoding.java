package org.volr.sim;

/** How input samples drive the first layer (SEMANTICS.md, "Input encodings"). */
public enum Encoding {
	/** the analog values are a constant input current */
	CONSTANT,
	/** each value x spikes with probability x · rate · dt per step */
	POISSON,
	/** recorded events (DVS), binned into steps of dt */
	EVENTS,
	/** spike trains given step by step in the data (binary [steps, inputs...] per sample): input i spikes at step t iff it is 1 */
	SPIKES
}
