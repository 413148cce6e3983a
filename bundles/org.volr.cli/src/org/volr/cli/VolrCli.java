package org.volr.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code volr} command line: dispatches to sub-commands. Never lets an exception escape for bad input; an
 * unexpected internal failure is reported as one line naming the command, with the trace only under --debug.
 */
public final class VolrCli {
	public static final String VERSION = "0.1.0";

	private final Console console;
	private final Map<String, Command> commands = new LinkedHashMap<>();

	public VolrCli(PrintStream out, PrintStream err) {
		this.console = new Console(out, err);
		for (Command c : List.of(new CheckCommand(), new InfoCommand(), new FormatCommand(), new ImportCommand(), new DiagramCommand(), new TrainCommand(), new ConvertCommand(), new GenerateCommand(),
				new RunCommand("run"),
				new RunCommand("simulate"),
				new LspCommand()))
			commands.put(c.name(), c);
	}

	public int run(String... argv) {
		List<String> args = new ArrayList<>(Arrays.asList(argv));
		boolean debug = args.remove("--debug");
		if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
			printHelp(console.out());
			return args.isEmpty() ? 2 : 0;
		}
		if (args.get(0).equals("--version")) {
			console.out().println("volr " + VERSION);
			return 0;
		}
		String name = args.remove(0);
		if (name.equals("help")) {
			if (args.isEmpty()) {
				printHelp(console.out());
				return 0;
			}
			name = args.get(0);
			Command c = commands.get(name);
			if (c == null)
				return unknown(name);
			console.out().println(c.usage());
			return 0;
		}
		Command command = commands.get(name);
		if (command == null)
			return unknown(name);
		if (args.contains("--help") || args.contains("-h")) {
			console.out().println(command.usage());
			return 0;
		}
		try {
			return command.run(args, console);
		} catch (UsageException e) {
			console.err().println("volr " + name + ": " + e.getMessage());
			console.err().println(command.usage());
			return 2;
		} catch (RuntimeException | LinkageError e) {
			console.err().println("volr " + name + ": internal error: " + e + " (please report it; --debug shows the trace)");
			if (debug)
				e.printStackTrace(console.err());
			return 3;
		}
	}

	private int unknown(String name) {
		console.err().println("volr: unknown command '" + name + "'; commands are " + String.join(", ", commands.keySet()));
		return 2;
	}

	private void printHelp(PrintStream out) {
		out.println("volr " + VERSION + ": Volr Studio from the command line");
		out.println();
		out.println("usage: volr COMMAND [OPTIONS] ARGS...");
		out.println();
		out.println("commands:");
		for (Command c : commands.values())
			out.printf("  %-8s %s%n", c.name(), c.summary());
		out.printf("  %-8s %s%n", "help", "show the usage of a command: volr help COMMAND");
		out.println();
		out.println("options: --help, --version, --debug (show stack traces of internal errors)");
		out.println("exit codes: 0 ok, 1 problems in the input, 2 wrong usage, 3 internal error");
	}
}
