package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment's {@code weights nir "FILE"} reads the weights of a NIR graph. The graph here is the one
 * {@code volr generate --target nir} wrote from a converted network, so running it without a second normalisation
 * must give the spiking accuracy of the run it came from, sample for sample.
 */
class NirWeightsTest {
	private static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));

	@TempDir
	Path tmp;

	@Test
	void aWrittenNirGraphRunsAsTheExperimentsWeights() throws IOException {
		Path data = Path.of(System.getProperty("volr.convert.testdata", "../org.volr.convert.tests/data"));
		Path mlp = tmp.resolve("mlp.volr");
		assertEquals(0, volr("import", data.resolve("onnx/mlp.onnx").toString(), "-o", mlp.toString(), "--name", "mlp").code());
		String experiment = """
				weights npz "mlp.npz"
				    data npz "%s" test limit 200
				    convert { normalize percentile 99.9, samples 200, reset zero }
				    simulate { duration 40 steps, input constant }
				""".formatted(THIRD_PARTY.resolve("mnist-npz").toAbsolutePath());
		Files.writeString(mlp, Files.readString(mlp).replace("weights npz \"mlp.npz\"\n", experiment));
		Run original = volr("run", mlp.toString(), "-o", tmp.resolve("original").toString());
		assertEquals(0, original.code(), original.out() + original.err());
		Run gen = volr("generate", "--target", "nir", mlp.toString(), "-o", tmp.resolve("nir-out").toString());
		assertEquals(0, gen.code(), gen.out() + gen.err());

		Path fromNir = tmp.resolve("from-nir.volr");
		Files.writeString(fromNir, Files.readString(mlp).replace("weights npz \"mlp.npz\"", "weights nir \"nir-out/mlp.nir\"")
				.replace("normalize percentile 99.9, samples 200", "normalize none"));
		Run check = volr("check", "--werror", fromNir.toString());
		assertEquals(0, check.code(), check.out());
		Run run = volr("run", fromNir.toString(), "-o", tmp.resolve("from-nir").toString());
		assertEquals(0, run.code(), run.out() + run.err());
		assertEquals(snn(original.out()), snn(run.out()), run.out());
		assertEquals(Files.readString(tmp.resolve("original/predictions.csv")), Files.readString(tmp.resolve("from-nir/predictions.csv")));
	}

	@Test
	void anUnreadableNirFileIsReportedAtTheWeightsClause() throws IOException {
		Path bad = Files.write(tmp.resolve("bad.nir"), new byte[] { 1, 2, 3 });
		Path file = tmp.resolve("bad.volr");
		Files.writeString(file, """
				network net = dense 784 10 relu
				experiment e {
				    network net
				    weights nir "bad.nir"
				    data npz "%s" test limit 10
				}
				""".formatted(THIRD_PARTY.resolve("mnist-npz").toAbsolutePath()));
		Run run = volr("run", file.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("bad.volr:4:13: error: bad.nir"), run.out());
		assertTrue(!run.out().contains("Exception"), run.out());
	}

	private static String snn(String out) {
		Matcher m = Pattern.compile("SNN accuracy\\s+([0-9.]+) %").matcher(out);
		assertTrue(m.find(), out);
		return m.group(1);
	}
}
