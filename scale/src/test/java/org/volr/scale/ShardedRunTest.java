package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;

/**
 * {@code volr run --master local[2]}: the test set simulated in shards gives the results folder of the run on one
 * machine, byte for byte but for the times, whatever the number of shards; with Poisson input (seeded per sample)
 * and constant input (currents computed by nd4j per batch).
 */
class ShardedRunTest {
	@TempDir
	Path tmp;

	@Test
	void poissonInputInThreeShardsIsTheSingleMachineRun() throws Exception {
		Path file = TestExperiments.lenet(tmp, 300, 50, 30, "poisson 500 Hz", "IF { v_thresh 1.0 }");
		assertSameResults(singleMachine(file), sharded(file, "local[2]", 3));
	}

	@Test
	void constantInputInUnevenShardsWithAShortLastBatchIsTheSingleMachineRun() throws Exception {
		// 290 samples in batches of 50: six batches, the last of 40, in four shards of one or two batches
		Path file = TestExperiments.lenet(tmp, 290, 50, 25, "constant", "IF { v_thresh 1.0 }");
		TreeMap<String, String> single = singleMachine(file);
		assertSameResults(single, sharded(file, "local[2]", 4));
		assertSameResults(single, sharded(file, "local[2]", 1));
	}

	@Test
	void shardsStartOnBatchBoundaries() {
		assertEquals(List.of(new ShardedSimulation.Shard(0, 100), new ShardedSimulation.Shard(100, 200), new ShardedSimulation.Shard(200, 290)),
				ShardedSimulation.split(290, 50, 3));
		assertEquals(List.of(new ShardedSimulation.Shard(0, 40)), ShardedSimulation.split(40, 50, 4));
	}

	/** The same files with the same contents, a difference named by its file. */
	static void assertSameResults(TreeMap<String, String> expected, TreeMap<String, String> actual) {
		assertEquals(expected.keySet(), actual.keySet());
		expected.forEach((name, text) -> assertEquals(text, actual.get(name), name));
	}

	/** The results folder of the plain run (what volr run writes), file by file, times left out. */
	static TreeMap<String, String> singleMachine(Path file) throws Exception {
		ExperimentSetup setup = ExperimentSetup.load(file, null, d -> {
			throw new AssertionError(d.toString());
		});
		Path out = file.resolveSibling("single");
		ExperimentRun.run(setup, setup.simulation(-1), -1, out, new PrintStream(OutputStream.nullOutputStream()), Progress.NONE);
		return contents(out);
	}

	static TreeMap<String, String> sharded(Path file, String master, int shards) throws IOException {
		Path out = file.resolveSibling("sharded-" + shards);
		SweepTest.Run run = SweepTest.Run.of("run", file.toString(), "--master", master, "--shards", String.valueOf(shards), "-o", out.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		return contents(out);
	}

	/** An .npz's arrays, names, shapes and every value's bits (the archive itself records when it was written). */
	private static String arrays(Path npz) {
		WeightStore store = WeightStore.read(npz);
		StringBuilder b = new StringBuilder();
		for (String name : new java.util.TreeSet<>(store.names())) {
			b.append(name).append(java.util.Arrays.toString(store.get(name).shape())).append(':');
			for (float v : store.get(name).data())
				b.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
			b.append('\n');
		}
		return b.toString();
	}

	/** Every file but the SVG plots (their element ids differ from drawing to drawing), with result.json's times left out. */
	static TreeMap<String, String> contents(Path folder) throws IOException {
		TreeMap<String, String> files = new TreeMap<>();
		try (Stream<Path> list = Files.list(folder)) {
			for (Path f : list.sorted().toList()) {
				String name = f.getFileName().toString();
				if (name.endsWith(".svg"))
					continue;
				String text = name.endsWith(".png") ? java.util.HexFormat.of().formatHex(Files.readAllBytes(f))
						: name.endsWith(".npz") ? arrays(f) : Files.readString(f);
				if (name.equals("result.json"))
					text = text.lines().filter(l -> !l.contains("seconds") && !l.contains("sample_steps_per")).collect(Collectors.joining("\n"));
				files.put(name, text);
			}
		}
		assertNotNull(files.get("predictions.csv"));
		assertNotNull(files.get("converted.npz"));
		return files;
	}
}
