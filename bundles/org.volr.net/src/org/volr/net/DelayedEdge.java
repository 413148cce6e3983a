package org.volr.net;

/**
 * An edge of the network's graph that carries spikes from one step to a later one: the spikes layer {@code from}
 * fires at step t reach layer {@code to} as input current at step t + {@code delay}, through weights of their own
 * ({@code weightKey}, layout [from's outputs, to's outputs]), added to what {@code to} reads through its
 * {@link Source}s. A recurrent layer is such an edge from a layer to itself (SEMANTICS.md, "Recurrent layers"). The
 * layer order of {@link ResolvedNetwork} (each layer after what it reads) ignores these edges: they are what closes a
 * cycle, so an edge from a later layer back to an earlier one fits this record as well.
 *
 * @param delay in steps, at least 1 (a cycle within one step would have no order to compute it in)
 */
public record DelayedEdge(int from, int to, int delay, String weightKey) {
	public DelayedEdge {
		if (delay < 1)
			throw new IllegalArgumentException("a delayed edge waits at least one step, got " + delay);
	}

	/** Whether the edge leads from a layer back into itself. */
	public boolean recurrent() {
		return from == to;
	}
}
