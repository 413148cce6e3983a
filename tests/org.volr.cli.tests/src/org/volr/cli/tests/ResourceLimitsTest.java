package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network or a setting too large for this process is refused before anything is allocated, at its line, with the
 * size and what to change; never an OutOfMemoryError. A run that fails leaves no results behind.
 */
class ResourceLimitsTest {
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	private Path xorWith(String network, String simulate) throws IOException {
		String text = Files.readString(EXAMPLES.resolve("xor/xor.volr"))
				.replace("network xor = dense 2 4 ⦶ dense 4 2 linear", network)
				.replace("data npz \"xor.npz\" test", "data npz \"" + EXAMPLES.resolve("xor/xor.npz").toAbsolutePath() + "\" test")
				.replace("simulate { duration 50 steps, input constant, batch 64, delay 2 }", simulate);
		return Files.writeString(tmp.resolve("xor.volr"), text);
	}

	private void assertNothingWritten() throws IOException {
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(java.util.List.of(tmp.resolve("xor.volr")), files.toList(), "nothing beside the .volr file");
		}
	}

	@Test
	void aNetworkTooLargeForThisProcessIsRefusedAtItsLargestLayer() throws IOException {
		Path file = xorWith("network xor = dense 2 30000 ⦶ big: dense 30000 30000 ⦶ dense 30000 2 linear",
				"simulate { duration 50 steps, input constant, batch 64, delay 2 }");
		long start = System.nanoTime();
		Run run = volr("run", file.toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused before training");
		assertTrue(run.out().contains("xor.volr:5:"), run.out()); // the network's line, at the layer 'big'
		assertTrue(run.out().contains("network 'xor' has 900,180,002 weights"), run.out());
		assertTrue(run.out().contains("make layer 'big' (900,030,000 weights) smaller, or give Java more memory"), run.out());
		assertFalse(run.out().contains("Exception") || run.err().contains("Exception"), run.out() + run.err());
		assertNothingWritten();
	}

	@Test
	void aDurationOrDelayTooLongIsRefusedAtTheSimulateClause() throws IOException {
		Path file = xorWith("network xor = dense 2 4 ⦶ dense 4 2 linear", "simulate { duration 1000000000 steps, input constant }");
		Run run = volr("run", file.toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("duration 1,000,000,000 steps needs"), run.out());
		assertTrue(run.out().contains("simulate fewer steps"), run.out());
		assertNothingWritten();

		file = xorWith("network xor = dense 2 4 ⦶ dense 4 2 linear", "simulate { duration 50 steps, delay 2000000000 }");
		run = volr("run", file.toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("delay 2,000,000,000 keeps the spikes of 2,000,000,001 steps"), run.out());
		assertTrue(run.out().contains("use a shorter delay"), run.out());
		assertNothingWritten();
	}

	@Test
	void aTrainingOfBillionsOfEpochsIsRefusedAtTheTrainClause() throws IOException {
		Path file = xorWith("network xor = dense 2 4 ⦶ dense 4 2 linear", "simulate { duration 50 steps }");
		Files.writeString(file, Files.readString(file).replace("epochs 150", "epochs 2147483647"));
		long start = System.nanoTime();
		Run run = volr("run", file.toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused before training");
		assertTrue(run.out().contains("xor.volr:14:5: error: epochs 2,147,483,647 over 64 samples in batches of 16 are 8,589,934,588"
				+ " mini-batches: more than 99 days even at 1 ms a batch; lower epochs"), run.out());
		assertNothingWritten();
	}

	/** A run that fails after its conversion leaves no converted.npz and no other result file. */
	@Test
	void aFailedRunLeavesNoPartialResults() throws IOException {
		// at 2000 Hz and dt 1 ms an input of 1 would spike twice a step: refused after training, at the conversion
		Path file = xorWith("network xor = dense 2 4 ⦶ dense 4 2 linear", "simulate { duration 50 steps, input poisson 2000 Hz }");
		Run run = volr("run", file.toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.err().contains("training xor"), "it failed after training: " + run.err());
		assertNothingWritten();
	}
}
