package org.volr.cli;

import java.io.PrintStream;

/** Where a command prints: results to {@code out}, diagnostics and summaries to {@code err}. */
record Console(PrintStream out, PrintStream err) {
}
