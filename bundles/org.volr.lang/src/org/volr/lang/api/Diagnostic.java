package org.volr.lang.api;

import java.nio.file.Path;

/** One problem in a .volr file, printed the way compilers do: {@code file:line:col: error: message}. */
public record Diagnostic(Path file, int line, int column, Severity severity, String message, String code) {
	public enum Severity {
		ERROR, WARNING, INFO;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	@Override
	public String toString() {
		return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message;
	}
}
