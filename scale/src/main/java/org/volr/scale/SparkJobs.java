package org.volr.scale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark as volr starts it: embedded ({@code local[*]}, nothing to install) or as the driver of a standalone cluster
 * ({@code spark://host:7077}) of the same Spark version. Quiet (log4j2.properties in this jar), no web UI.
 */
final class SparkJobs {
	/** The default master: every core of this machine. */
	static final String LOCAL = "local[*]";

	private SparkJobs() {
	}

	static JavaSparkContext start(String master, String appName) {
		SparkConf conf = new SparkConf().setMaster(master).setAppName(appName).set("spark.ui.enabled", "false")
				.set("spark.ui.showConsoleProgress", "false")
				// a task's result is a few kB; its input is a file path and the weights as a broadcast
				.set("spark.driver.maxResultSize", "1g");
		if (!master.startsWith("local")) {
			// the executors run volr's own jars from where this driver has them: a loopback cluster, or workers with volr
			// installed at the same path (see the README's "Sweeps and sharded runs on Spark")
			conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
			conf.set("spark.executor.memory", System.getenv().getOrDefault("VOLR_EXECUTOR_MEMORY", "2g"));
			onExecutorCores(conf, executorCores(conf));
		}
		return new JavaSparkContext(conf);
	}

	/**
	 * Silences Spark's loggers once the sweep is cancelled. Ctrl-C also runs Spark's own shutdown hook, which stops the
	 * executor while cancelled tasks are still handed to it; Spark then logs each rejected task with a stack trace. The
	 * user has been told the sweep is cancelled; what Spark says while it shuts down after that is noise.
	 */
	static void silence() {
		org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark", org.apache.logging.log4j.Level.OFF);
	}

	/**
	 * The cores of one executor: spark.executor.cores if set (-Dspark.executor.cores=N), else VOLR_EXECUTOR_CORES, else
	 * one task's (spark.task.cpus, 1 unless set): one point per executor JVM. Not Spark's own default on a standalone
	 * cluster (one executor taking all of a worker's cores), whose count the driver cannot know, and which an executor's
	 * JVM cannot see either where a worker has fewer cores than its machine.
	 */
	static int executorCores(SparkConf conf) {
		String cores = conf.contains("spark.executor.cores") ? conf.get("spark.executor.cores")
				: System.getenv().getOrDefault("VOLR_EXECUTOR_CORES", conf.get("spark.task.cpus", "1"));
		try {
			int n = Integer.parseInt(cores.trim());
			if (n >= 1)
				return n;
		} catch (NumberFormatException e) {
			// said below
		}
		throw new IllegalArgumentException("the cores of an executor (spark.executor.cores or VOLR_EXECUTOR_CORES) must be a whole number from 1, got '"
				+ cores + "'");
	}

	/**
	 * Holds an executor's JVM to its {@code cores}. Left alone, every executor sizes its thread pools to the machine's
	 * cores: nd4j's OpenMP and OpenBLAS pools (Nd4jSupport: availableProcessors), the garbage collector's and the
	 * compiler's threads, the common fork-join pool. Two one-core executors on a two-core machine then each sized them for two,
	 * and each point took 1.8 times as long as with one executor (bench/README.md). -XX:ActiveProcessorCount makes the
	 * JVM and everything that asks it see {@code cores}; OMP_NUM_THREADS and OPENBLAS_NUM_THREADS, read by the native
	 * libraries when they load, do the same for them. A value the user set for either is kept.
	 */
	static void onExecutorCores(SparkConf conf, int cores) {
		conf.set("spark.executor.cores", String.valueOf(cores));
		String options = conf.get("spark.executor.extraJavaOptions", "");
		if (!options.contains("-XX:ActiveProcessorCount="))
			conf.set("spark.executor.extraJavaOptions", (options + " -XX:ActiveProcessorCount=" + cores).trim());
		for (String variable : new String[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS" })
			if (!conf.contains("spark.executorEnv." + variable))
				conf.setExecutorEnv(variable, String.valueOf(cores));
	}

	/** The cores Spark gives one task (spark.task.cpus): the simulator's threads in that task. */
	static int threadsPerTask(JavaSparkContext sc) {
		return Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
	}
}
