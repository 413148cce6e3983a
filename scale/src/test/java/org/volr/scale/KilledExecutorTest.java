package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor killed mid-sweep: on a loopback standalone cluster (one worker of two cores), the executor JVM is
 * killed (SIGKILL) while its tasks run (the driver sees at least one task end with ExecutorLostFailure); Spark runs the
 * lost tasks again on the executor the worker starts in its place, and the table is the one an undisturbed local[2]
 * sweep writes, figure for figure (times aside), no point failed.
 */
class KilledExecutorTest {
	@TempDir
	Path tmp;
	private LoopbackCluster cluster;

	@Test
	void aKilledExecutorsPointsRunAgainWithTheSameFigures() throws Exception {
		Path file = TestExperiments.lenet(tmp, 200, 50, 40, "poisson 500 Hz", "IF { v_thresh 1.0 }");
		String grid = "v_thresh=0.6,0.8,1,1.2; steps=20,40";
		cluster = LoopbackCluster.start(tmp, 2);
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> new VolrScale(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)).run("sweep", file.toString(), "--master", cluster.url, "--grid", grid, "--out",
						tmp.resolve("killed").toString()));
		// the sweep's context is up: from now on the driver's scheduler tells which tasks start and which the kill loses
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
		while (!err.toString(StandardCharsets.UTF_8).contains("8 grid points on")) {
			assertFalse(sweep.isDone(), "the sweep ended early: " + out + err);
			assertTrue(System.nanoTime() < deadline, "no sweep in 4 minutes: " + err);
			Thread.sleep(100);
		}
		AtomicInteger started = new AtomicInteger(), lost = new AtomicInteger();
		// getOrCreate: the sweep's own context, which is running
		org.apache.spark.SparkContext.getOrCreate().addSparkListener(new SparkListener() {
			@Override
			public void onTaskStart(SparkListenerTaskStart start) {
				started.incrementAndGet();
			}

			@Override
			public void onTaskEnd(SparkListenerTaskEnd end) {
				if (end.reason() instanceof ExecutorLostFailure)
					lost.incrementAndGet();
			}
		});
		// a task is running on the executor (a point takes seconds, the first ones over ten)
		List<ProcessHandle> executors;
		while (started.get() == 0 || (executors = cluster.executors()).isEmpty()) {
			assertFalse(sweep.isDone(), "the sweep ended before a task was seen running: " + out + err);
			assertTrue(System.nanoTime() < deadline, "no task running in 4 minutes: " + err);
			Thread.sleep(50);
		}
		// each executor has one core of the worker's two, and its JVM and nd4j's native pools are held to it (SparkJobs)
		for (ProcessHandle executor : executors) {
			assertTrue(LoopbackCluster.commandLine(executor).contains("-XX:ActiveProcessorCount=1"), LoopbackCluster.commandLine(executor));
			List<String> environment = LoopbackCluster.environment(executor);
			assertTrue(environment.contains("OMP_NUM_THREADS=1") && environment.contains("OPENBLAS_NUM_THREADS=1"), environment.toString());
		}
		Thread.sleep(500);
		String before = err.toString(StandardCharsets.UTF_8);
		assertFalse(before.contains("[8/8]"), "the sweep was over before the kill: " + before);
		ProcessHandle killed = executors.get(0);
		assertTrue(killed.destroyForcibly());
		killed.onExit().get(30, TimeUnit.SECONDS);
		// the worker starts another executor in its place
		while (cluster.executors().stream().allMatch(e -> e.pid() == killed.pid())) {
			assertFalse(sweep.isDone(), "the sweep ended before a new executor was seen: " + err);
			assertTrue(System.nanoTime() < deadline, "no new executor: " + err);
			Thread.sleep(100);
		}
		assertEquals(0, sweep.get(5, TimeUnit.MINUTES), out.toString(StandardCharsets.UTF_8) + err);
		String after = err.toString(StandardCharsets.UTF_8);
		assertFalse(after.contains("failed"), after);
		assertTrue(lost.get() >= 1, "the kill lost no running task: " + after);
		SweepTest.Run local = SweepTest.Run.of("sweep", file.toString(), "--master", "local[2]", "--grid", grid, "--out", tmp.resolve("local").toString());
		assertEquals(0, local.code(), local.out() + local.err());
		assertEquals(LoopbackClusterTest.figures(tmp.resolve("local/sweep.csv")), LoopbackClusterTest.figures(tmp.resolve("killed/sweep.csv")));
	}

	@AfterEach
	void stopCluster() throws InterruptedException {
		if (cluster != null)
			cluster.close();
	}
}
