package org.volr.diagram;

import java.util.List;
import java.util.Map;

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

	/** With the activity overlay (see {@link DiagramSynthesis#synthesize(VolrFile, Map)}). */
	public static List<NetworkDiagram> of(VolrFile file, Map<String, Map<String, LayerActivity>> activity) {
		return of(file, activity, LayoutDirection.RIGHT);
	}

	/** With the activity overlay, data flowing in the given direction. */
	public static List<NetworkDiagram> of(VolrFile file, Map<String, Map<String, LayerActivity>> activity,
			LayoutDirection direction) {
		List<NetworkDiagram> diagrams = DiagramSynthesis.synthesize(file, activity);
		for (NetworkDiagram d : diagrams)
			DiagramLayout.layout(d, direction);
		return diagrams;
	}

	public static String svg(VolrFile file, Map<String, Map<String, LayerActivity>> activity) {
		return SvgWriter.write(of(file, activity));
	}

	public static String sprottyJson(VolrFile file, Map<String, Map<String, LayerActivity>> activity) {
		return SprottyJson.write(of(file, activity));
	}

	public static String svg(VolrFile file) {
		return SvgWriter.write(of(file));
	}

	public static String sprottyJson(VolrFile file) {
		return SprottyJson.write(of(file));
	}
}
