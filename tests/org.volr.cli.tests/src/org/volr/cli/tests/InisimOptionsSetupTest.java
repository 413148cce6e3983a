package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.api.Diagnostic;
import org.volr.pipeline.ExperimentSetup;
import org.volr.sim.InisimOptions;
import org.volr.sim.SimulationConfig;

/** The simulate options of the SNN Toolbox reach the simulator as written, and a wrong one is an error on its line. */
class InisimOptionsSetupTest {
	private static final String NETWORK = "network n {\n    input [2]\n    fc1: dense 3 relu\n    fc2: dense 2\n}\n";

	@TempDir
	Path tmp;

	private SimulationConfig simulation(String simulate) throws Exception {
		Path file = tmp.resolve("e.volr");
		Files.writeString(file, NETWORK + "experiment e {\n    network n\n    " + simulate + "\n}\n");
		List<Diagnostic> errors = new ArrayList<>();
		ExperimentSetup setup = ExperimentSetup.load(file, null, errors::add);
		assertEquals(List.of(), errors);
		return setup.simulation(0);
	}

	@Test
	void theOptionsAreMappedToTheSimulationConfig() throws Exception {
		SimulationConfig c = simulation("simulate { clip [-3, 3], clip fc2 [-1, 2.5], clamp 2, clamp fc2 10, bias_relaxation, payloads }");
		assertEquals(InisimOptions.NONE.withBiasRelaxation(true).withPayloads(true).withClip(-3f, 3f).withClip("fc2", -1f, 2.5f)
				.withClamp("fc2", 10), c.inisim());
		assertEquals(2, c.clamp());
		assertEquals(InisimOptions.NONE, simulation("simulate { clamp 2 }").inisim());
	}

	@Test
	void aClipOfAnUnknownLayerIsAnErrorOnItsLine() throws IOException {
		Path file = tmp.resolve("bad.volr");
		Files.writeString(file, NETWORK + "experiment e {\n    network n\n    simulate { duration 10 steps,\n        clip fc3 [0, 1] }\n}\n");
		Run r = volr("check", file.toString());
		assertEquals(1, r.code(), r.out() + r.err());
		String error = r.out().lines().filter(l -> l.contains(": error: ")).findFirst().orElse("");
		assertTrue(error.startsWith(file + ":9:") && error.contains("error: clip: network 'n' has no layer labelled 'fc3'"), r.out());
	}
}
