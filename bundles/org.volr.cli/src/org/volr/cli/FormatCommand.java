package org.volr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.volr.core.io.AtomicFiles;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;

/** {@code volr format}: print, rewrite or check the canonical layout of .volr files. */
final class FormatCommand implements Command {
	@Override
	public String name() {
		return "format";
	}

	@Override
	public String summary() {
		return "format .volr files (print, --write in place, or --check)";
	}

	@Override
	public String usage() {
		return """
				usage: volr format [--write | --check] FILE|DIR...

				Lays the files out canonically (one step per line in blocks, one clause per line in experiments),
				keeping comments. Without options the result is printed; --write replaces the files (atomically);
				--check lists the files that are not formatted and exits with 1 if there are any.
				Files with syntax errors are not formatted; their errors are printed instead.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		boolean write = args.remove("--write");
		boolean check = args.remove("--check");
		if (write && check)
			throw new UsageException("--write and --check exclude each other");
		List<Path> files = VolrFiles.expand(args);
		VolrLanguage lang = VolrLanguage.create();
		int status = 0;
		for (Path f : files) {
			VolrLanguage.Workspace ws = lang.workspace();
			XtextResource resource = ws.add(f);
			String formatted = resource == null ? null : lang.format(resource);
			if (formatted == null) {
				for (Diagnostic d : ws.check())
					if (d.severity() == Diagnostic.Severity.ERROR)
						console.out().println(d);
				status = 1;
				continue;
			}
			// the file as written: the parser reads a lone CR as LF, but a file with CR line ends is not canonical
			String original;
			try {
				original = Files.readString(f);
			} catch (IOException e) {
				original = resource.getParseResult().getRootNode().getText();
			}
			if (check) {
				if (!formatted.equals(original)) {
					console.out().println(f + ": not formatted");
					status = 1;
				}
			} else if (write) {
				if (!formatted.equals(original)) {
					try {
						AtomicFiles.writeString(f, formatted);
					} catch (IOException e) {
						console.err().println(f + ": cannot write: " + e.getMessage());
						status = 1;
					}
				}
			} else {
				if (files.size() > 1)
					console.out().println("// " + f);
				console.out().print(formatted);
			}
		}
		return status;
	}
}
