package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone Spark cluster on 127.0.0.1 (a master and a worker of two cores, started by the test from its own
 * class path and stopped at the end): a sharded run on it is the single-machine run, and a sweep on it gives
 * local[2]'s figures.
 */
class LoopbackClusterTest {
	@TempDir
	Path tmp;
	private LoopbackCluster cluster;

	@Test
	void aLoopbackClusterGivesTheSingleMachineResults() throws Exception {
		cluster = LoopbackCluster.start(tmp, 2);
		String master = cluster.url;
		Path file = TestExperiments.lenet(tmp, 200, 50, 20, "poisson 500 Hz", "IF { v_thresh 1.0 }");
		ShardedRunTest.assertSameResults(ShardedRunTest.singleMachine(file), ShardedRunTest.sharded(file, master, 2));
		SweepTest.Run onCluster = SweepTest.Run.of("sweep", file.toString(), "--master", master, "--grid", "v_thresh=0.8,1", "--out",
				tmp.resolve("cluster").toString());
		assertEquals(0, onCluster.code(), onCluster.out() + onCluster.err());
		SweepTest.Run local = SweepTest.Run.of("sweep", file.toString(), "--master", "local[2]", "--grid", "v_thresh=0.8,1", "--out",
				tmp.resolve("local").toString());
		assertEquals(0, local.code(), local.out() + local.err());
		assertEquals(figures(tmp.resolve("local/sweep.csv")), figures(tmp.resolve("cluster/sweep.csv")));
	}

	/** The table without its time columns (wall-clock and CPU). */
	static List<String> figures(Path csv) throws IOException {
		List<String> rows = new ArrayList<>();
		List<String> header = List.of(Files.readAllLines(csv).get(0).split(","));
		for (String row : Files.readAllLines(csv)) {
			String[] cells = row.split(",", -1);
			for (String time : List.of("seconds", "cpu_seconds", "jvm_cpu_seconds"))
				cells[header.indexOf(time)] = "";
			rows.add(String.join(",", cells));
		}
		return rows;
	}

	@AfterEach
	void stopCluster() throws InterruptedException {
		if (cluster != null) {
			cluster.close();
			assertTrue(cluster.stopped(), "the cluster stopped");
		}
	}
}
