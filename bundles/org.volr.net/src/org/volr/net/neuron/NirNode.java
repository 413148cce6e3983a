package org.volr.net.neuron;

/**
 * A neuron as a NIR node, in NIR's SI units: {@code type} IF, LIF or CubaLIF; the time constants in seconds;
 * {@code r} the input resistance; {@code vLeak} and {@code vReset} only where the type has them (else 0). A CubaLIF
 * node is written with w_in = 1 and r = τ_mem, which passes a spike's weight to the membrane in full as Volr does.
 */
public record NirNode(String type, float threshold, float r, float tau, float vLeak, float tauSyn, float vReset) {
}
