package org.volr.diagram.web;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server on the loopback address. It replaces the JDK's com.sun.net.httpserver, whose request
 * reading has no time limit (a client that sends half a request holds one of its threads for good) and which
 * answers a malformed URL with the name of a Java exception. Here each connection has a virtual thread of its own,
 * so a slow client blocks no one else; reading a request is bounded in time and size ({@link HttpRequestReader});
 * writing an answer to a client that does not read it is cut off after {@link #WRITE_TIMEOUT}; and at most
 * {@link #MAX_CONNECTIONS} connections are open at once.
 */
final class LoopbackHttpServer implements AutoCloseable {
	/** What the server does with a request that passed the reader's checks. */
	interface Handler {
		HttpResponse handle(HttpRequest request) throws HttpError;
	}

	static final int MAX_CONNECTIONS = 64;
	static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
	private static final System.Logger LOG = System.getLogger(LoopbackHttpServer.class.getName());

	private final ServerSocket listener;
	private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private final ExecutorService connections = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name("volr-diagram-http-", 0).factory());
	private final ScheduledExecutorService writeWatch = Executors
			.newSingleThreadScheduledExecutor(r -> daemon(r, "volr-diagram-http-write-watch"));

	private LoopbackHttpServer(ServerSocket listener) {
		this.listener = listener;
	}

	/** Binds the loopback address on {@code port} (0: any free port); requests are served after {@link #serve}. */
	static LoopbackHttpServer bind(int port) throws IOException {
		return new LoopbackHttpServer(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
	}

	int port() {
		return listener.getLocalPort();
	}

	/** Starts accepting connections, each request answered by {@code handler}. */
	void serve(Handler handler) {
		daemon(() -> accept(handler), "volr-diagram-http-accept").start();
	}

	@Override
	public void close() {
		closeQuietly(listener);
		open.forEach(LoopbackHttpServer::closeQuietly);
		connections.shutdownNow();
		writeWatch.shutdownNow();
	}

	private void accept(Handler handler) {
		while (!listener.isClosed()) {
			Socket client;
			try {
				client = listener.accept();
			} catch (IOException e) {
				if (!listener.isClosed())
					pause(); // e.g. out of file descriptors: try again shortly rather than spin
				continue;
			}
			if (!slots.tryAcquire()) {
				// a short-lived thread of its own: the refusal waits for the client a moment, the accepting must not
				Thread.ofVirtual().name("volr-diagram-http-refuse").start(() -> refuse(client));
				continue;
			}
			open.add(client);
			try {
				connections.execute(() -> {
					try {
						converse(client, handler);
					} finally {
						open.remove(client);
						closeQuietly(client);
						slots.release();
					}
				});
			} catch (RejectedExecutionException e) {
				// closing
				open.remove(client);
				closeQuietly(client);
				slots.release();
			}
		}
	}

	/** Answers the requests of one connection until it closes, idles, or breaks the rules. */
	private void converse(Socket client, Handler handler) {
		try {
			client.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(client.getInputStream());
			OutputStream out = new BufferedOutputStream(client.getOutputStream());
			HttpRequestReader reader = new HttpRequestReader(client, in, out);
			while (true) {
				HttpRequest request;
				try {
					request = reader.next();
				} catch (HttpError e) {
					// the rest of the stream cannot be trusted to start a request: answer and close
					write(client, out, HttpResponse.text(e.status(), e.getMessage()), false, true);
					closeGently(client, in);
					return;
				}
				if (request == null)
					return;
				write(client, out, answer(handler, request), request.method().equals("HEAD"), !request.keepAlive());
				if (!request.keepAlive())
					return;
			}
		} catch (IOException e) {
			// the client went away, or was cut off for being too slow: nothing to answer
		}
	}

	private static HttpResponse answer(Handler handler, HttpRequest request) {
		try {
			return handler.handle(request);
		} catch (HttpError e) {
			return HttpResponse.text(e.status(), e.getMessage());
		} catch (RuntimeException e) {
			// a bug: the details go to the log of the program serving the page, the client gets a sentence
			LOG.log(Level.ERROR, "volr diagram server: internal error answering " + request.method() + " " + request.path(), e);
			return HttpResponse.text(500, "internal error in the diagram server while answering " + request.method() + " "
					+ request.path() + "; the log of the program serving this page has the details");
		}
	}

	private void write(Socket client, OutputStream out, HttpResponse response, boolean headOnly, boolean close)
			throws IOException {
		ScheduledFuture<?> cutOff = writeWatch.schedule(() -> closeQuietly(client), WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		try {
			response.write(out, headOnly, close);
		} finally {
			cutOff.cancel(false);
		}
	}

	/**
	 * Ends a connection whose client may still be sending (a body refused as too large, a request refused unread):
	 * closing a socket with unread input resets it, and the client could lose the answer it was just sent. So the
	 * output is closed first and a bounded amount of input is read and dropped.
	 */
	private static void closeGently(Socket client, InputStream in) {
		try {
			client.shutdownOutput();
			client.setSoTimeout(1000);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			byte[] sink = new byte[8192];
			for (int total = 0; total < 1 << 20 && System.nanoTime() < until;) {
				int n = in.read(sink);
				if (n < 0)
					break;
				total += n;
			}
		} catch (IOException e) {
			// closed or timed out: either way the connection ends now
		}
	}

	/** Turns a connection away at once, instead of leaving it queued behind the open ones. */
	private static void refuse(Socket client) {
		try (client) {
			HttpResponse.text(503, "the diagram server has " + MAX_CONNECTIONS + " connections open already; try again shortly")
					.write(client.getOutputStream(), false, true);
			closeGently(client, client.getInputStream());
		} catch (IOException e) {
			// it is gone already
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			c.close();
		} catch (Exception e) {
			// closing is all that was asked
		}
	}

	static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}
}
