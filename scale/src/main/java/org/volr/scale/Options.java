package org.volr.scale;

import java.nio.file.Path;
import java.util.List;

/** The command line of {@code volr sweep} and {@code volr run --master}. */
record Options(String command, boolean help, boolean sequential, Path file, String experiment, String grid, String master, int shards, int steps, int limit,
		Path out) {

	static final class UsageException extends Exception {
		final String usage;

		UsageException(String message, String usage) {
			super(message);
			this.usage = usage;
		}
	}

	String usage() {
		return command.equals("sweep") ? VolrScale.SWEEP_USAGE : VolrScale.RUN_USAGE;
	}

	static Options parse(List<String> args) throws UsageException {
		if (args.isEmpty() || !List.of("sweep", "run", "simulate").contains(args.get(0)))
			throw new UsageException("expected sweep or run", VolrScale.SWEEP_USAGE + "\n\n" + VolrScale.RUN_USAGE);
		String command = args.get(0);
		String usage = command.equals("sweep") ? VolrScale.SWEEP_USAGE : VolrScale.RUN_USAGE;
		boolean help = false, sequential = false;
		Path file = null, out = null;
		String experiment = null, grid = null, master = null;
		int shards = 0, steps = -1, limit = -1;
		for (int i = 1; i < args.size(); i++) {
			String a = args.get(i);
			switch (a) {
			case "--help", "-h" -> help = true;
			case "--experiment" -> experiment = value(args, ++i, a, usage);
			case "--master" -> master = value(args, ++i, a, usage);
			case "--sequential" -> sequential = command.equals("sweep") || unknownFlag(a, usage);
			case "--grid" -> grid = command.equals("sweep") ? value(args, ++i, a, usage) : unknown(a, usage);
			case "--shards" -> shards = command.equals("sweep") ? unknownInt(a, usage) : positive(value(args, ++i, a, usage), a, usage);
			case "--steps" -> steps = command.equals("sweep") ? unknownInt(a, usage) : positive(value(args, ++i, a, usage), a, usage);
			case "--limit" -> limit = positive(value(args, ++i, a, usage), a, usage);
			case "-o", "--out", "--output" -> out = Path.of(value(args, ++i, a, usage));
			default -> {
				if (a.startsWith("-"))
					throw new UsageException("unknown option '" + a + "'", usage);
				if (file != null)
					throw new UsageException("one .volr file at a time", usage);
				file = Path.of(a);
			}
			}
		}
		if (help)
			return new Options(command, true, sequential, file, experiment, grid, master, shards, steps, limit, out);
		if (file == null)
			throw new UsageException("no .volr file given", usage);
		if (master == null && !sequential) {
			if (!command.equals("sweep"))
				throw new UsageException("--master is what makes run use Spark; without it, use the plain volr run", usage);
			master = SparkJobs.LOCAL;
		}
		if (master != null && !master.matches("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?|spark://[^\\s/]+:[0-9]+"))
			throw new UsageException("--master takes local, local[N], local[*] or spark://HOST:PORT, got '" + master + "'", usage);
		if (sequential && master != null)
			throw new UsageException("--sequential runs without Spark; it takes no --master", usage);
		return new Options(command, false, sequential, file, experiment, grid, master, shards, steps, limit, out);
	}

	private static String value(List<String> args, int i, String option, String usage) throws UsageException {
		if (i >= args.size())
			throw new UsageException(option + " needs a value", usage);
		return args.get(i);
	}

	private static String unknown(String option, String usage) throws UsageException {
		throw new UsageException("unknown option '" + option + "'", usage);
	}

	private static boolean unknownFlag(String option, String usage) throws UsageException {
		throw new UsageException("unknown option '" + option + "'", usage);
	}

	private static int unknownInt(String option, String usage) throws UsageException {
		throw new UsageException("unknown option '" + option + "'", usage);
	}

	private static int positive(String v, String option, String usage) throws UsageException {
		try {
			int n = Integer.parseInt(v);
			if (n > 0)
				return n;
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException(option + " needs a positive number, got '" + v + "'", usage);
	}
}
