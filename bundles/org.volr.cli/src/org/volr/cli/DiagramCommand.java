package org.volr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.volr.diagram.Diagrams;
import org.volr.diagram.LayerActivity;
import org.volr.diagram.ResultsOverlay;
import org.volr.diagram.web.DiagramServer;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFile;

/**
 * {@code volr diagram}: draw the networks of a file (SVG for documents, Sprotty JSON for the web client), or serve
 * the editable diagram page on localhost.
 */
final class DiagramCommand implements Command {
	@Override
	public String name() {
		return "diagram";
	}

	@Override
	public String summary() {
		return "draw the networks of a .volr file as SVG (--svg) or as a Sprotty model (--json), or serve the editable page (--serve)";
	}

	@Override
	public String usage() {
		return """
				usage: volr diagram FILE.volr [--svg OUT.svg] [--json OUT.json] [--no-results]
				       volr diagram FILE.volr --serve [--port N]

				One diagram per network: a node per layer with its kind, output shape and parameter count,
				parallel branches side by side, edges labelled with the tensor shape, laid out left to right by
				Eclipse ELK. Layers with shape errors are drawn in red with the message as a tooltip; a file that
				does not parse is reported instead. Without --svg or --json the SVG goes to standard output.
				When an experiment of the file has been run (its EXPERIMENT-results folder from volr run lies
				beside the file), each layer also shows its measured spike rate and ANN/SNN correlation;
				--no-results leaves that out.

				--serve serves the editable diagram on http://127.0.0.1:N/ (default port 8737; 0 picks a free one):
				a palette adds layers, a property panel sets parameters and the neuron model, and every edit is
				written to FILE at once, changing only the text it concerns. Edits made to FILE in any editor
				appear on the page within a second. Ctrl+C stops the server. Only the page the server serves may edit:
				a request for another host or from another site's page, or an edit without the page's token, is
				refused (403), and slow or oversized requests are cut off.""";
	}

	static final int DEFAULT_PORT = 8737;

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		Path file = null, svg = null, json = null;
		boolean serve = false, results = true;
		Integer port = null;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.equals("--svg") || a.equals("--json") || a.equals("--port")) {
				if (i + 1 >= args.size())
					throw new UsageException(a + (a.equals("--port") ? " needs a port number" : " needs a file name"));
				String value = args.get(++i);
				if (a.equals("--port"))
					port = port(value);
				else if (a.equals("--svg"))
					svg = Path.of(value);
				else
					json = Path.of(value);
			} else if (a.equals("--serve")) {
				serve = true;
			} else if (a.equals("--no-results")) {
				results = false;
			} else {
				file = VolrFiles.single(file, a);
			}
		}
		if (file == null)
			throw new UsageException("no .volr file given");
		if (port != null && !serve)
			throw new UsageException("--port goes with --serve");
		if (serve && (svg != null || json != null))
			throw new UsageException("--serve shows the diagram in a browser; write --svg or --json in a separate run");
		if (serve)
			return serve(file, port == null ? DEFAULT_PORT : port, console);
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
		Map<String, Map<String, LayerActivity>> activity = Map.of();
		if (results) {
			try {
				Path dir = file.toAbsolutePath().getParent();
				activity = ResultsOverlay.find(model, dir);
				activity.keySet().forEach(n -> console.err().println("network " + n + ": activity overlay from the last run's results"));
			} catch (IOException e) {
				console.err().println("volr diagram: warning: results not shown: " + e.getMessage());
			}
		}
		try {
			if (svg == null && json == null) {
				console.out().print(Diagrams.svg(model, activity));
				return 0;
			}
			if (svg != null)
				org.volr.core.io.AtomicFiles.writeString(svg, Diagrams.svg(model, activity));
			if (json != null)
				org.volr.core.io.AtomicFiles.writeString(json, Diagrams.sprottyJson(model, activity));
		} catch (IOException e) {
			console.err().println("volr diagram: cannot write: " + e.getMessage());
			return 1;
		}
		return 0;
	}

	private static int port(String text) throws UsageException {
		try {
			int p = Integer.parseInt(text);
			if (p >= 0 && p <= 65535)
				return p;
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException("--port needs a port number from 0 to 65535, got '" + text + "'");
	}

	/** Serves until the process is stopped; the file must exist (the page edits it). */
	private static int serve(Path file, int port, Console console) {
		if (!Files.isRegularFile(file)) {
			console.out().println(file + ":1:1: error: no such file");
			return 1;
		}
		DiagramServer server;
		try {
			server = DiagramServer.start(file, port);
		} catch (IOException e) {
			console.err().println("volr diagram: cannot serve on port " + port + ": " + e.getMessage());
			return 1;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		console.out().println("serving " + file + " at " + server.uri() + " (edits are written to the file; Ctrl+C stops)");
		console.out().flush();
		try {
			new CountDownLatch(1).await();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			server.close();
		}
		return 0;
	}
}
