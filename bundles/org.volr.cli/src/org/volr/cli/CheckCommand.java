package org.volr.cli;

import java.nio.file.Path;
import java.util.List;

import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;

/** {@code volr check}: parse and type-check files, print compiler-style diagnostics. */
final class CheckCommand implements Command {
	@Override
	public String name() {
		return "check";
	}

	@Override
	public String summary() {
		return "parse and type-check .volr files; print file:line:col: error: message";
	}

	@Override
	public String usage() {
		return """
				usage: volr check [--werror] FILE|DIR...

				Parses and checks the given .volr files together (a directory means every .volr file below it):
				syntax, names, shapes at every composition, units, experiment settings.
				Prints one line per problem as  file:line:col: error|warning: message
				and exits with 1 if there are errors (or warnings, with --werror), 0 otherwise.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		boolean werror = args.remove("--werror");
		List<Path> files = VolrFiles.expand(args);
		List<Diagnostic> diagnostics = VolrLanguage.create().check(files);
		int errors = 0, warnings = 0;
		for (Diagnostic d : diagnostics) {
			console.out().println(d);
			if (d.severity() == Diagnostic.Severity.ERROR)
				errors++;
			else if (d.severity() == Diagnostic.Severity.WARNING)
				warnings++;
		}
		console.err().println("checked " + files.size() + (files.size() == 1 ? " file: " : " files: ") + errors
				+ (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
		return errors > 0 || (werror && warnings > 0) ? 1 : 0;
	}
}
