package org.volr.convert.tests;

import org.volr.model.Network;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;

/** Imported and parsed networks resolved for the ANN and the converter; a network that does not resolve fails the test. */
final class Resolved {
	private Resolved() {
	}

	static ResolvedNetwork of(Network network) {
		try {
			return NetworkResolver.resolve(network);
		} catch (ResolveException e) {
			throw new AssertionError(e.getMessage(), e);
		}
	}
}
