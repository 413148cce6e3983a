package org.volr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.volr.diagram.Diagrams;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFile;

/** {@code volr diagram}: draw the networks of a file (SVG for documents, Sprotty JSON for the web client). */
final class DiagramCommand implements Command {
	@Override
	public String name() {
		return "diagram";
	}

	@Override
	public String summary() {
		return "draw the networks of a .volr file as SVG (--svg) or as a Sprotty model (--json)";
	}

	@Override
	public String usage() {
		return """
				usage: volr diagram FILE.volr [--svg OUT.svg] [--json OUT.json]

				One diagram per network: a node per layer with its kind, output shape and parameter count,
				parallel branches side by side, edges labelled with the tensor shape, laid out left to right by
				Eclipse ELK. Layers with shape errors are drawn in red with the message as a tooltip; a file that
				does not parse is reported instead. Without --svg or --json the SVG goes to standard output.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		Path file = null, svg = null, json = null;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.equals("--svg") || a.equals("--json")) {
				if (i + 1 >= args.size())
					throw new UsageException(a + " needs a file name");
				Path p = Path.of(args.get(++i));
				if (a.equals("--svg"))
					svg = p;
				else
					json = p;
			} else if (a.startsWith("-")) {
				throw new UsageException("unknown option '" + a + "'");
			} else if (file == null) {
				file = Path.of(a);
			} else {
				throw new UsageException("one .volr file at a time");
			}
		}
		if (file == null)
			throw new UsageException("no .volr file given");
		VolrLanguage.Workspace ws = VolrLanguage.create().workspace();
		ws.add(file);
		List<Diagnostic> syntax = ws.check().stream()
				.filter(d -> d.severity() == Diagnostic.Severity.ERROR && (d.code() == null || d.code().equals("io")
						|| d.code().endsWith(".Syntax")))
				.toList();
		VolrFile model = ws.model(file);
		if (model == null || !syntax.isEmpty()) {
			syntax.forEach(console.out()::println);
			return 1;
		}
		try {
			if (svg == null && json == null) {
				console.out().print(Diagrams.svg(model));
				return 0;
			}
			if (svg != null)
				org.volr.core.io.AtomicFiles.writeString(svg, Diagrams.svg(model));
			if (json != null)
				org.volr.core.io.AtomicFiles.writeString(json, Diagrams.sprottyJson(model));
		} catch (IOException e) {
			console.err().println("volr diagram: cannot write: " + e.getMessage());
			return 1;
		}
		return 0;
	}
}
