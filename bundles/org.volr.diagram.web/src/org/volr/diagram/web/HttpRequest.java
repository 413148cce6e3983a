package org.volr.diagram.web;

import java.util.Map;

/**
 * One request as the server read it: the method, the percent-decoded path, the headers (names in lower case), the
 * whole body, and whether the client lets the connection carry another request after this one.
 */
record HttpRequest(String method, String path, Map<String, String> headers, byte[] body, boolean keepAlive) {
	/** The header's value, or null when the request has none. */
	String header(String name) {
		return headers.get(name.toLowerCase(java.util.Locale.ROOT));
	}

	/** Whether the request asks to change something; GET and HEAD only read. */
	boolean changesState() {
		return !method.equals("GET") && !method.equals("HEAD");
	}
}
