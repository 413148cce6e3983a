package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
	private final List<Process> started = new ArrayList<>();

	@Test
	void aLoopbackClusterGivesTheSingleMachineResults() throws Exception {
		String master = startCluster();
		Path file = TestExperiments.lenet(tmp, 200, 50, 20, "poisson 500 Hz", "IF { v_thresh 1.0 }");
		ShardedRunTest.assertSameResults(ShardedRunTest.singleMachine(file), ShardedRunTest.sharded(file, master, 2));
		SweepTest.Run cluster = SweepTest.Run.of("sweep", file.toString(), "--master", master, "--grid", "v_thresh=0.8,1", "--out",
				tmp.resolve("cluster").toString());
		assertEquals(0, cluster.code(), cluster.out() + cluster.err());
		SweepTest.Run local = SweepTest.Run.of("sweep", file.toString(), "--master", "local[2]", "--grid", "v_thresh=0.8,1", "--out",
				tmp.resolve("local").toString());
		assertEquals(0, local.code(), local.out() + local.err());
		assertEquals(figures(tmp.resolve("local/sweep.csv")), figures(tmp.resolve("cluster/sweep.csv")));
	}

	/** The table without its time column. */
	private static List<String> figures(Path csv) throws IOException {
		List<String> rows = new ArrayList<>();
		int seconds = List.of(Files.readAllLines(csv).get(0).split(",")).indexOf("seconds");
		for (String row : Files.readAllLines(csv)) {
			String[] cells = row.split(",", -1);
			cells[seconds] = "";
			rows.add(String.join(",", cells));
		}
		return rows;
	}

	/**
	 * Starts a master and a worker as Spark's scripts would (org.apache.spark.deploy.*), with this JVM's class path and
	 * flags; the worker's SPARK_HOME/jars, from which it builds its executors' class path, links the same jars.
	 */
	private String startCluster() throws IOException {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		String url = "spark://127.0.0.1:" + port;
		Path home = Files.createDirectories(tmp.resolve("spark-home/jars"));
		String classPath = System.getProperty("java.class.path");
		for (String entry : classPath.split(File.pathSeparator))
			if (entry.endsWith(".jar") && !Files.exists(home.resolve(Path.of(entry).getFileName())))
				Files.createSymbolicLink(home.resolve(Path.of(entry).getFileName()), Path.of(entry).toAbsolutePath());
		start(home.getParent(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
		start(home.getParent(), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "3g", "--webui-port", "0", url);
		return url;
	}

	private void start(Path sparkHome, String main, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"@" + System.getProperty("volr.scale.jvmargs"), "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
		command.addAll(List.of(args));
		ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(tmp.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log").toFile());
		b.environment().put("SPARK_HOME", sparkHome.toString());
		b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
		// what a Spark distribution's launcher scripts set; without it the worker looks for a source build's directories
		b.environment().put("SPARK_SCALA_VERSION", "2.13");
		started.add(b.start());
	}

	@AfterEach
	void stopCluster() throws InterruptedException {
		// the worker first (it stops its executors), then the master; anything they left is stopped by its id
		for (int i = started.size() - 1; i >= 0; i--) {
			Process p = started.get(i);
			List<ProcessHandle> children = p.descendants().toList();
			p.destroy();
			if (!p.waitFor(20, TimeUnit.SECONDS))
				p.destroyForcibly();
			children.forEach(ProcessHandle::destroy);
		}
		assertTrue(started.stream().noneMatch(Process::isAlive), "the cluster stopped");
	}
}
