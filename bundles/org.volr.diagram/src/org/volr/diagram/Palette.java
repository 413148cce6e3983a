package org.volr.diagram;

/**
 * The diagram's colours, one fill and one stroke per {@link NodeKind}. Kept in one place so that SVG export and
 * the web client (which reads the same values from the Sprotty model's CSS classes) agree.
 */
public final class Palette {
	public static final String TEXT = "#1f2933";
	public static final String EDGE = "#52606d";
	public static final String EDGE_LABEL = "#3e4c59";
	public static final String BACKGROUND = "#ffffff";
	public static final String CAPTION = "#1f2933";
	public static final String ERROR_STROKE = "#d64545";
	public static final String ERROR_FILL = "#fde8e8";
	/** The measured activity line of the results overlay. */
	public static final String ACTIVITY = "#9a3412";

	private Palette() {
	}

	public static String fill(NodeKind kind) {
		return switch (kind) {
		case INPUT, OUTPUT -> "#e4e7eb";
		case DENSE -> "#dbeafe";
		case CONV -> "#dcfce7";
		case POOLING -> "#fef3c7";
		case SHAPE -> "#f3f4f6";
		case MERGE -> "#ede9fe";
		case REFERENCE -> "#fce7f3";
		};
	}

	public static String stroke(NodeKind kind) {
		return switch (kind) {
		case INPUT, OUTPUT -> "#616e7c";
		case DENSE -> "#2563eb";
		case CONV -> "#16a34a";
		case POOLING -> "#d97706";
		case SHAPE -> "#9ca3af";
		case MERGE -> "#7c3aed";
		case REFERENCE -> "#db2777";
		};
	}
}
