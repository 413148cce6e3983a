package org.volr.diagram.web.tests;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.volr.diagram.web.DiagramServer;

/**
 * What the server tests start from: the LeNet example (fmnist-cnn) copied into a fresh folder, so edits never touch
 * the original, and served on a free port for the length of one test.
 */
abstract class ServedExample {
	@TempDir
	Path dir;
	/** The copy the server serves and writes. */
	Path file;
	DiagramServer server;
	int port;
	URI base;

	/** A fresh copy of the example in {@code dir}. */
	static Path copyInto(Path dir) throws IOException {
		Path file = dir.resolve("fmnist-cnn.volr");
		Files.copy(Path.of(System.getProperty("volr.examples"), "fmnist-cnn", "fmnist-cnn.volr"), file);
		return file;
	}

	@BeforeEach
	void startServer() throws IOException {
		file = copyInto(dir);
		server = DiagramServer.start(file, 0);
		port = server.port();
		base = server.uri();
	}

	@AfterEach
	void stopServer() {
		server.close();
	}
}
