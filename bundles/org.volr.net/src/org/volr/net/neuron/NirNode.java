package org.volr.net.neuron;

/**
 * A neuron as a NIR node, in NIR's SI units: {@code type} IF, LIF or CubaLIF; the time constants in seconds;
 * {@code r} the input resistance as if a spike's charge arrived at once (1, or τ_mem for CubaLIF with w_in = 1);
 * {@code vLeak} and {@code vReset} only where the type has them (else 0). The NIR target replaces r by the one that makes
 * the node's input gain 1 at the run's step (SEMANTICS.md, "Time in NIR graphs").
 */
public record NirNode(String type, float threshold, float r, float tau, float vLeak, float tauSyn, float vReset) {
}
