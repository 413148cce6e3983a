package org.volr.cli;

import java.util.List;

/** One sub-command of {@code volr}. */
interface Command {
	String name();

	/** One line for {@code volr --help}. */
	String summary();

	/** The full usage text for {@code volr help NAME} and {@code volr NAME --help}. */
	String usage();

	/** Runs the command; returns the process exit code (0 ok, 1 problems in the input, 2 wrong usage). */
	int run(List<String> args, Console console) throws UsageException;
}
