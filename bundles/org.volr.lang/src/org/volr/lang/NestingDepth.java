package org.volr.lang;

/**
 * How deeply a text nests, measured without parsing: the parser, the checks, the formatter and the serializer all
 * recurse once per level, so a text nested thousands of levels deep overflows the stack of any of them. Counting
 * first lets the parser refuse such a text with an error instead.
 *
 * <p>
 * A level is an open bracket ({@code ( [ {}) or a {@code let}: a let's body runs to the end of the enclosing
 * brackets, so every let met inside one pair of brackets nests one level deeper until that pair closes. Comments
 * and strings are skipped. The count may overestimate a broken text, never underestimate a well-formed one.
 */
public final class NestingDepth {
	/**
	 * The deepest nesting accepted. Real networks nest a handful of levels; 200 keeps every recursive service far
	 * from the 1 MB stack of an ordinary thread (ParserTest checks a text nested this deep end to end).
	 */
	public static final int LIMIT = 200;

	private NestingDepth() {
	}

	/** The offset of the first bracket or let that opens a level beyond the limit, or -1 if there is none. */
	public static int firstBeyond(CharSequence text, int limit) {
		int n = text.length();
		// lets opened at each bracket level; index 0 is the file's top level
		int[] lets = new int[limit + 2];
		int open = 0, depth = 0;
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
				while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r')
					i++;
			} else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
				i += 2;
				while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/'))
					i++;
				i += 2;
			} else if (c == '"' || c == '\'') {
				i++;
				while (i < n && text.charAt(i) != c)
					i += text.charAt(i) == '\\' ? 2 : 1;
				i++;
			} else if (c == '(' || c == '[' || c == '{') {
				if (++depth > limit)
					return i;
				lets[++open] = 0;
				i++;
			} else if (c == ')' || c == ']' || c == '}') {
				if (open > 0) {
					depth -= 1 + lets[open];
					open--;
				}
				i++;
			} else if (c == '^' || Character.isLetter(c) || c == '_') {
				// '^let' is a name, not the keyword
				int start = c == '^' ? i + 1 : i;
				i = start;
				while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'))
					i++;
				if (c != '^' && i - start == 3 && isLet(text, start)) {
					if (++depth > limit)
						return start;
					lets[open]++;
				}
			} else if (Character.isDigit(c)) {
				// a number such as 1e5 holds letters that are no word
				while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'))
					i++;
			} else {
				i++;
			}
		}
		return -1;
	}

	private static boolean isLet(CharSequence text, int at) {
		char first = text.charAt(at);
		return (first == 'l' || first == 'L') && text.charAt(at + 1) == 'e' && text.charAt(at + 2) == 't';
	}
}
