package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;

/**
 * {@code volr import X.nir} with the time step it reads the graph for (SEMANTICS.md, "Time in NIR graphs"): by
 * default the NIR paper's 0.1 ms with Euler, written into the experiment and explained at the top of the file;
 * {@code --dt} and {@code --discretisation} change both the experiment and the gains folded into the weights; a dt
 * that Euler cannot step is refused naming the node; {@code -o DIR} writes into the directory.
 */
class NirImportTimeTest {
	private static final Path NIR = Path.of(System.getProperty("volr.thirdparty", "../../testdata")).resolve("nir");

	@TempDir
	Path tmp;

	@Test
	void theDefaultStepIsTheNirPapersWithEulerWrittenIntoTheExperiment() throws IOException {
		Path out = tmp.resolve("braille.volr");
		Run r = volr("import", NIR.resolve("paper_03_rnn_braille_noDelay_noBias_subtract.nir").toString(), "-o", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		String text = Files.readString(out);
		assertTrue(text.contains("// - NIR stores no time step: the graph is read for dt = 0.1 ms with forward Euler integration"), text);
		assertTrue(text.contains("simulate { dt 0.1 ms, discretisation euler }"), text);
		// lif1's gain r·w_in·dt/tau_mem = tau_syn/dt = 0.4 ms / 0.1 ms (snnTorch's r = tau_mem/dt, w_in = tau_syn/dt)
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("neuron node 'lif1.lif' \\(CubaLIF\\): its input gain r·w_in·dt/tau_mem = "
				+ "([0-9.]+) at dt = 0.1 ms is folded into the weights entering layer 'fc1'").matcher(text);
		assertTrue(m.find(), text);
		assertEquals(4.0, Double.parseDouble(m.group(1)), 1e-5);
		Run check = volr("check", "--werror", out.toString());
		assertEquals(0, check.code(), check.out() + text);
	}

	@Test
	void anotherStepAndTheExactDiscretisationGiveTheirGains() throws IOException {
		Path out = tmp.resolve("lif.volr");
		Run r = volr("import", NIR.resolve("paper_01_lif_lif_norse.nir").toString(), "-o", out.toString(), "--dt", "0.05ms",
				"--discretisation", "exact");
		assertEquals(0, r.code(), r.out() + r.err());
		String text = Files.readString(out);
		assertTrue(text.contains("simulate { dt 0.05 ms, discretisation exact }"), text);
		assertEquals(0, volr("check", "--werror", out.toString()).code(), text);
		// w = 1 times r·(1 − e^(−dt/tau)) with tau = 2.5 ms
		float w = WeightStore.read(tmp.resolve("lif.npz")).get("n0.weight").data()[0];
		assertEquals((float) -Math.expm1(-5e-5 / 0.0025f), w, 1e-9f);
		// the same file at 0.1 ms under Euler: dt/tau
		Path euler = tmp.resolve("euler.volr");
		assertEquals(0, volr("import", NIR.resolve("paper_01_lif_lif_norse.nir").toString(), "-o", euler.toString()).code());
		assertEquals((float) (1e-4 / 0.0025f), WeightStore.read(tmp.resolve("euler.npz")).get("n0.weight").data()[0], 1e-9f);
	}

	@Test
	void aStepEulerCannotTakeIsRefusedNamingTheNodeAndNothingIsWritten() {
		Path out = tmp.resolve("coarse.volr");
		Run r = volr("import", NIR.resolve("paper_03_rnn_braille_noDelay_noBias_subtract.nir").toString(), "-o", out.toString(), "--dt",
				"0.3 ms");
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.out().contains("node 'lif2' (CubaLIF) has tau_syn = 1.8181818E-4 s, not above the time step dt = 3.0E-4 s"), r.out());
		assertTrue(r.out().contains("import with a smaller --dt or with --discretisation exact"), r.out());
		assertFalse(r.out().contains("Exception"), r.out());
		assertFalse(Files.exists(out) || Files.exists(tmp.resolve("coarse.npz")), "nothing written");
		// exactly it can be stepped: the gains are those of a pulse held over 0.3 ms
		assertEquals(0, volr("import", NIR.resolve("paper_03_rnn_braille_noDelay_noBias_subtract.nir").toString(), "-o", out.toString(),
				"--dt", "0.3ms", "--discretisation", "exact").code());
	}

	@Test
	void badTimeOptionsAreUsageErrors() {
		String model = NIR.resolve("paper_01_lif_lif_norse.nir").toString();
		Run noUnit = volr("import", model, "--dt", "5");
		assertEquals(2, noUnit.code(), noUnit.out() + noUnit.err());
		assertTrue((noUnit.out() + noUnit.err()).contains("--dt needs a time with its unit (s, ms or us), e.g. --dt 0.1ms; got '5'"),
				noUnit.out() + noUnit.err());
		Run scheme = volr("import", model, "--discretisation", "rk4");
		assertEquals(2, scheme.code());
		assertTrue((scheme.out() + scheme.err()).contains("--discretisation is euler or exact, got 'rk4'"), scheme.out() + scheme.err());
		Run help = volr("help", "import");
		assertTrue((help.out() + help.err()).contains("[--dt QUANTITY] [--discretisation euler|exact]")
				&& (help.out() + help.err()).contains("NIR stores no time step"), help.out() + help.err());
	}

	@Test
	void anOutputDirectoryTakesTheDefaultName() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("into"));
		Run r = volr("import", NIR.resolve("paper_01_lif_lif_rockpool.nir").toString(), "-o", dir.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertTrue(Files.isRegularFile(dir.resolve("paper_01_lif_lif_rockpool.volr")), r.err());
		assertTrue(Files.isRegularFile(dir.resolve("paper_01_lif_lif_rockpool.npz")), r.err());
		assertTrue(Files.readString(dir.resolve("paper_01_lif_lif_rockpool.volr")).contains("weights npz \"paper_01_lif_lif_rockpool.npz\""));
		assertEquals(0, volr("check", "--werror", dir.resolve("paper_01_lif_lif_rockpool.volr").toString()).code());
	}
}
