package org.volr.scale;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Spark cluster on 127.0.0.1: a master and a worker started by a test from its own class path and flags,
 * as Spark's scripts would start them (org.apache.spark.deploy.*); the worker's SPARK_HOME/jars, from which it builds
 * its executors' class path, links the same jars. {@link #close()} stops the worker (and its executors), then the master.
 */
final class LoopbackCluster implements AutoCloseable {
	final String url;
	private final Path logs;
	private final List<Process> started = new ArrayList<>();

	private LoopbackCluster(String url, Path logs) {
		this.url = url;
		this.logs = logs;
	}

	/**
	 * A master and one worker of {@code cores} cores, with memory for as many one-core executors of 2 GB (volr's defaults,
	 * SparkJobs); their logs (Master.log, Worker.log) and SPARK_HOME under {@code dir}. */
	static LoopbackCluster start(Path dir, int cores) throws IOException {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		LoopbackCluster cluster = new LoopbackCluster("spark://127.0.0.1:" + port, dir);
		Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator))
			if (entry.endsWith(".jar") && !Files.exists(home.resolve(Path.of(entry).getFileName())))
				Files.createSymbolicLink(home.resolve(Path.of(entry).getFileName()), Path.of(entry).toAbsolutePath());
		cluster.launch(home.getParent(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
		cluster.launch(home.getParent(), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", cores * 2 + "g",
				"--webui-port", "0", cluster.url);
		return cluster;
	}

	private void launch(Path sparkHome, String main, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"@" + System.getProperty("volr.scale.jvmargs"), "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
		command.addAll(List.of(args));
		ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logs.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log").toFile());
		b.environment().put("SPARK_HOME", sparkHome.toString());
		b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
		// what a Spark distribution's launcher scripts set; without it the worker looks for a source build's directories
		b.environment().put("SPARK_SCALA_VERSION", "2.13");
		started.add(b.start());
	}

	/** The executor JVMs the worker runs now (Spark's CoarseGrainedExecutorBackend, children of the worker). */
	List<ProcessHandle> executors() {
		return started.get(started.size() - 1).descendants().filter(LoopbackCluster::isExecutor).toList();
	}

	private static boolean isExecutor(ProcessHandle p) {
		return commandLine(p).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend");
	}

	/**
	 * A process's arguments, NUL-separated, read from /proc: ProcessHandle.Info has no command line for a process whose
	 * line is as long as an executor's class path. Empty once it has ended.
	 */
	static String commandLine(ProcessHandle p) {
		return proc(p, "cmdline");
	}

	/** A process's environment, NUL-separated NAME=VALUE entries, read from /proc; empty once it has ended. */
	static List<String> environment(ProcessHandle p) {
		return List.of(proc(p, "environ").split("\0"));
	}

	private static String proc(ProcessHandle p, String file) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), file)), java.nio.charset.StandardCharsets.ISO_8859_1);
		} catch (IOException e) { // it has just ended
			return "";
		}
	}

	/** True when every process of the cluster has stopped. */
	boolean stopped() {
		return started.stream().noneMatch(Process::isAlive);
	}

	@Override
	public void close() throws InterruptedException {
		// the worker first (it stops its executors), then the master; anything they left is stopped by its id
		for (int i = started.size() - 1; i >= 0; i--) {
			Process p = started.get(i);
			List<ProcessHandle> children = p.descendants().toList();
			p.destroy();
			if (!p.waitFor(20, TimeUnit.SECONDS))
				p.destroyForcibly();
			children.forEach(ProcessHandle::destroy);
		}
	}
}
