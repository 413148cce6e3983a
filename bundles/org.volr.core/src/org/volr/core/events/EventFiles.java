package org.volr.core.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.volr.core.data.DataFormatException;

/** Reading a recording whole; a recording is small, and its format is checked on the bytes. */
final class EventFiles {
	private EventFiles() {
	}

	static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new DataFormatException(file.toString(), "no such file");
		} catch (IOException e) {
			throw new DataFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
		}
	}
}
