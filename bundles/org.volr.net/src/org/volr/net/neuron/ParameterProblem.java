package org.volr.net.neuron;

/** A combination of parameter values a neuron model cannot simulate: the parameter to point at, and why. */
public record ParameterProblem(String parameter, String message) {
}
