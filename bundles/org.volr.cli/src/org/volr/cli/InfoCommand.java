package org.volr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Element;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/** {@code volr info}: the inferred shape and parameter count of every layer, like Keras' model summary. */
final class InfoCommand implements Command {
	@Override
	public String name() {
		return "info";
	}

	@Override
	public String summary() {
		return "show every network's layers with inferred output shapes and parameter counts";
	}

	@Override
	public String usage() {
		return """
				usage: volr info FILE|DIR...

				For each network: its type (net <input> <output>), and one line per layer with the layer as written,
				its output shape (channels first) and its number of weights and biases. Branches of a parallel
				composition are indented. Files with errors are reported as by 'volr check' instead.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		List<Path> files = VolrFiles.expand(args);
		VolrLanguage lang = VolrLanguage.create();
		VolrLanguage.Workspace ws = lang.workspace();
		for (Path f : files)
			ws.add(f);
		List<Diagnostic> errors = ws.check().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		if (!errors.isEmpty()) {
			errors.forEach(console.out()::println);
			console.err().println(errors.size() + (errors.size() == 1 ? " error" : " errors") + "; fix them first (volr check)");
			return 1;
		}
		boolean first = true;
		for (Path f : files) {
			VolrFile file = ws.model(f);
			if (file == null)
				continue;
			ShapeInference inference = ShapeInference.of(file);
			if (file.getMain() != null) {
				if (!first)
					console.out().println();
				first = false;
				printNetwork(console, f.toString(), file.getMain(), inference);
			}
			for (Element e : file.getElements()) {
				if (!(e instanceof Network n) || n.getBody() == null)
					continue;
				if (!first)
					console.out().println();
				first = false;
				printNetwork(console, "network " + n.getName(), n.getBody(), inference);
			}
		}
		return 0;
	}

	private static void printNetwork(Console console, String title, NetExpr body, ShapeInference inference) {
		NetType type = inference.typeOf(body);
		long params = inference.totalParameters(body);
		console.out().printf(Locale.ROOT, "%s: %s, %,d parameters%n", title, type == null ? "untyped" : type, params);
		console.out().printf(Locale.ROOT, "  %-46s %-16s %12s%n", "layer", "output", "params");
		printRows(console, body, inference, 0);
	}

	private static void printRows(Console console, EObject node, ShapeInference inference, int depth) {
		if (node instanceof Sequence seq) {
			for (NetExpr step : seq.getSteps())
				printRows(console, step, inference, depth);
		} else if (node instanceof Fork fork) {
			int i = 1;
			for (NetExpr branch : fork.getBranches()) {
				row(console, depth, (fork instanceof org.volr.model.Add ? "+ branch " : "| branch ") + i++,
						inference.typeOf(branch), inference.totalParameters(branch));
				printRows(console, branch, inference, depth + 1);
			}
			row(console, depth, fork instanceof org.volr.model.Add ? "add" : "concatenate", inference.typeOf(fork), 0);
		} else if (node instanceof Let let) {
			printRows(console, let.getBody(), inference, depth);
		} else if (node instanceof NetRef ref) {
			row(console, depth, text(ref) + " (reference)", inference.typeOf(ref), 0);
		} else if (node instanceof Layer layer) {
			row(console, depth, text(layer), inference.typeOf(layer), inference.parameters(layer));
		}
	}

	private static void row(Console console, int depth, String label, NetType type, long params) {
		String indent = "  ".repeat(depth);
		String text = indent + label;
		if (text.length() > 46)
			text = text.substring(0, 45) + "…";
		console.out().printf(Locale.ROOT, "  %-46s %-16s %,12d%n", text, type == null ? "?" : type.out().toString(), params);
	}

	private static String text(EObject node) {
		ICompositeNode n = NodeModelUtils.getNode(node);
		return n == null ? node.eClass().getName() : NodeModelUtils.getTokenText(n);
	}
}
