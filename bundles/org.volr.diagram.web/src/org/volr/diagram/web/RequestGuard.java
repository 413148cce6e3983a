package org.volr.diagram.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request may come from where it says it comes from. The page writes the user's file, so:
 * <ul>
 * <li>the Host header must name this server's loopback address and port; a web page that points its own domain
 * at 127.0.0.1 (DNS rebinding) sends its domain there and is refused;</li>
 * <li>a request that changes something and carries an Origin must come from this server's own page; a browser
 * sends the origin of any other site that posts here (cross-site request forgery);</li>
 * <li>an edit must carry this session's token, which only the page served here knows, and be JSON: a cross-site
 * form can send neither, and a cross-site script cannot add the header without a CORS preflight, which this
 * server never grants.</li>
 * </ul>
 */
final class RequestGuard {
	static final String TOKEN_HEADER = "X-Volr-Token";
	private static final int TOKEN_BYTES = 32;

	private final int port;
	private final Set<String> hosts;
	private final Set<String> origins;
	private final String token;

	RequestGuard(int port) {
		this.port = port;
		hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
		origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
		byte[] random = new byte[TOKEN_BYTES];
		new SecureRandom().nextBytes(random);
		token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/** The token of this server's session, for the page it serves. */
	String token() {
		return token;
	}

	/** Refuses a request for another host, or a state-changing one from another site's page. */
	void checkSource(HttpRequest request) throws HttpError {
		String host = request.header("Host");
		if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT)))
			throw new HttpError(403, "this server answers only requests for 127.0.0.1:" + port + " or localhost:" + port
					+ (host == null ? ", and this one names no Host" : ", not for '" + HttpError.excerpt(host) + "'") + "; open "
					+ home());
		String origin = request.header("Origin");
		if (request.changesState() && origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT)))
			throw new HttpError(403, "changes are accepted only from the page at " + home() + ", not from a page of '"
					+ HttpError.excerpt(origin) + "'");
	}

	/** Refuses an edit without this session's token or not sent as JSON. */
	void checkEdit(HttpRequest request) throws HttpError {
		String sent = request.header(TOKEN_HEADER);
		if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
			throw new HttpError(403, "the edit lacks this session's token (header " + TOKEN_HEADER
					+ "); the server was probably restarted: reload the page from " + home() + " and edit there");
		String type = request.header("Content-Type");
		String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!mediaType.equals("application/json"))
			throw new HttpError(415, "an edit is sent as JSON with Content-Type: application/json, not "
					+ (type == null ? "without a Content-Type" : "as '" + HttpError.excerpt(type) + "'"));
	}

	private String home() {
		return "http://127.0.0.1:" + port + "/";
	}
}
