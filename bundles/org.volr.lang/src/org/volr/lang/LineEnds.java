package org.volr.lang;

/**
 * Text as the lexer and the node model expect it. ANTLR counts lines at LF only, so a file with classic Mac line
 * ends (a lone CR) would be one long line to the parser but many lines to Xtext's position arithmetic, and the two
 * disagreeing gave index errors. A byte order mark at the start is not white space to the grammar either.
 */
public final class LineEnds {
	private static final char BOM = '\uFEFF';

	private LineEnds() {
	}

	/**
	 * The text with each lone CR turned into LF and a leading byte order mark into a space: one character for one,
	 * so that every offset, line and column stays that of the original text. Returns the same string if nothing
	 * needs changing.
	 */
	public static String readable(String text) {
		boolean bom = !text.isEmpty() && text.charAt(0) == BOM;
		int cr = text.indexOf('\r');
		if (!bom && cr < 0)
			return text;
		char[] chars = text.toCharArray();
		if (bom)
			chars[0] = ' ';
		for (int i = Math.max(cr, 0); i < chars.length; i++)
			if (chars[i] == '\r' && (i + 1 == chars.length || chars[i + 1] != '\n'))
				chars[i] = '\n';
		String result = new String(chars);
		return result.equals(text) ? text : result;
	}

	/** The text without a leading byte order mark (files are read this way, so columns on line 1 are not shifted). */
	public static String withoutBom(String text) {
		return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
	}
}
