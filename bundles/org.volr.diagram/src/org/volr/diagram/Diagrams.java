package org.volr.diagram;

import java.util.List;

import org.volr.model.VolrFile;

/** The one call most clients need: every network of a file, synthesised and laid out, ready to write. */
public final class Diagrams {
	private Diagrams() {
	}

	public static List<NetworkDiagram> of(VolrFile file) {
		List<NetworkDiagram> diagrams = DiagramSynthesis.synthesize(file);
		for (NetworkDiagram d : diagrams)
			DiagramLayout.layout(d);
		return diagrams;
	}

	public static String svg(VolrFile file) {
		return SvgWriter.write(of(file));
	}

	public static String sprottyJson(VolrFile file) {
		return SprottyJson.write(of(file));
	}
}
