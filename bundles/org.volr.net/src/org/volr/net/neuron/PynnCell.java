package org.volr.net.neuron;

import java.util.List;

import org.volr.net.neuron.Discretisation.Conductance;

/**
 * A neuron as a PyNN standard cell: {@code cellType} (IF_curr_exp, IF_cond_exp) and its parameters in PyNN's units
 * (mV, ms; Volr's potentials are written as they are); {@code tauSyn} null for Volr's delta synapses (the script
 * then makes the synapse much faster than a step); {@code conductance} for IF_cond_exp, else null; {@code notes}
 * what the user should know about how PyNN runs this neuron.
 */
public record PynnCell(String cellType, double vRest, double vReset, double vThresh, double tauM, int refractorySteps, Double tauSyn,
		Conductance conductance, List<String> notes) {
	public PynnCell {
		notes = List.copyOf(notes);
	}
}
