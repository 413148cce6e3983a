package org.volr.diagram;

/**
 * Text sizes without a font renderer. Diagrams use a monospace font, so a line's width is its length times one
 * advance; this keeps the layout independent of the machine's fonts, which golden files and the headless CLI need.
 */
final class TextMetrics {
	static final double FONT_SIZE = 12;
	/** Advance of one character of DejaVu Sans Mono at 12 px (0.602 em), rounded up. */
	static final double CHAR_WIDTH = 7.3;
	static final double LINE_HEIGHT = 16;

	private TextMetrics() {
	}

	static double width(String text) {
		return text.codePointCount(0, text.length()) * CHAR_WIDTH;
	}
}
