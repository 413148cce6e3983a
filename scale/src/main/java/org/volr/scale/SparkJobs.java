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

	/** The cores Spark gives one task (spark.task.cpus): the simulator's threads in that task. */
	static int threadsPerTask(JavaSparkContext sc) {
		return Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
	}
}
