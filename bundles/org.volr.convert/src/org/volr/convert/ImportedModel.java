package org.volr.convert;

import java.util.List;

import org.volr.core.weights.WeightStore;
import org.volr.model.Network;

/**
 * The result of an import: the network (in the metamodel, so it can be edited, checked and drawn like any other),
 * its weights keyed "{label}.weight" / "{label}.bias" in Volr Studio's layouts, and notes on every rewrite made
 * (folded batch norms, removed dropouts) so that nothing changes silently.
 */
public record ImportedModel(Network network, WeightStore weights, List<String> notes) {
}
