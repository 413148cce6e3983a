package org.volr.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.volr.lang.api.IoMessages;
import org.volr.pipeline.ExperimentChoiceException;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.PipelineException;

/** What run, train, convert and generate share: loading their experiment, and one guard around their work. */
final class PipelineCommands {
	private PipelineCommands() {
	}

	/** What a pipeline command does once its experiment is loaded. */
	@FunctionalInterface
	interface Body {
		int run() throws PipelineException, org.volr.sim.LoweringException, IOException;
	}

	/** Loads and checks the file; errors are printed and make this return null; a wrong choice of experiment is a usage error. */
	static ExperimentSetup load(Path file, String experiment, Console console) throws UsageException {
		try {
			return ExperimentSetup.load(file, experiment, console.out()::println);
		} catch (ExperimentChoiceException e) {
			throw new UsageException(e.getMessage());
		}
	}

	/**
	 * Runs a pipeline command (run, train, convert, generate), turning every failure a user can cause into one
	 * message and exit code 1: problems of the experiment against its file (at the clause they belong to), a failed write
	 * naming what it wrote.
	 */
	static int guarded(String command, ExperimentSetup setup, Path file, String writing, Console console, Body body) {
		try {
			return body.run();
		} catch (org.volr.core.progress.CancelledException e) {
			console.err().println("volr " + command + ": cancelled");
			return 1;
		} catch (IOException e) {
			console.err().println("volr " + command + ": cannot write " + writing + ": " + IoMessages.describe(e));
			return 1;
		} catch (PipelineException | org.volr.sim.LoweringException | IllegalArgumentException | java.io.UncheckedIOException
				| org.volr.ann.AnnException | org.volr.convert.ConversionException | org.volr.core.data.DataFormatException e) {
			// an UncheckedIOException's own message is its cause's class and message: java.nio.file.NoSuchFileException: x
			String message = e instanceof java.io.UncheckedIOException ? IoMessages.describe(e) : e.getMessage();
			console.out().println(file + ":" + setup.positionOf(e) + ": error: " + message);
			return 1;
		}
	}
}
