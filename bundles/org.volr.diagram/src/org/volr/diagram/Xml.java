package org.volr.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal XML element tree for SVG: attributes are kept sorted and children in order, so the same diagram
 * always gives the same bytes, which golden-file tests need.
 */
final class Xml {
	private final String name;
	private final Map<String, String> attributes = new TreeMap<>();
	private final List<Object> children = new ArrayList<>(); // Xml elements or text

	Xml(String name) {
		this.name = name;
	}

	Xml attr(String key, String value) {
		attributes.put(key, value);
		return this;
	}

	Xml attr(String key, double value) {
		return attr(key, Numbers.format(value));
	}

	Xml add(String element) {
		Xml child = new Xml(element);
		children.add(child);
		return child;
	}

	Xml text(String text) {
		children.add(text);
		return this;
	}

	void write(StringBuilder out, int indent) {
		out.append("  ".repeat(indent)).append('<').append(name);
		attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
		if (children.isEmpty()) {
			out.append("/>\n");
			return;
		}
		if (children.stream().allMatch(String.class::isInstance)) {
			out.append('>');
			children.forEach(t -> out.append(escape((String) t)));
			out.append("</").append(name).append(">\n");
			return;
		}
		out.append(">\n");
		for (Object c : children)
			if (c instanceof Xml x)
				x.write(out, indent + 1);
			else
				out.append("  ".repeat(indent + 1)).append(escape((String) c)).append('\n');
		out.append("  ".repeat(indent)).append("</").append(name).append(">\n");
	}

	static String escape(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (char c : s.toCharArray())
			switch (c) {
			case '<' -> b.append("&lt;");
			case '>' -> b.append("&gt;");
			case '&' -> b.append("&amp;");
			case '"' -> b.append("&quot;");
			default -> b.append(c);
			}
		return b.toString();
	}
}
