package org.volr.convert;

import java.util.HashSet;
import java.util.Set;

/**
 * Layer labels for an imported network. In a .volr file a label is an identifier (a letter or _, then letters,
 * digits and _), and it names the layer's weights ("{label}.weight"), so it must also be unique. Exporters name
 * their nodes freely ('0', '0_LinearTorch', 'lif1.lif'); this maps such names onto identifiers deterministically,
 * so that the same file always gives the same labels and weight names.
 */
public final class Labels {
	private final Set<String> used = new HashSet<>();

	/** The name as an identifier not handed out before: see {@link #identifier(String)}, then _2, _3, ... if taken. */
	public String fresh(String name) {
		String base = identifier(name), label = base;
		for (int k = 2; !used.add(label); k++)
			label = base + "_" + k;
		return label;
	}

	/**
	 * A name as an identifier: runs of other characters become one _, and a name that starts with a digit gets the
	 * prefix n ('0_LinearTorch' becomes 'n0_LinearTorch'); an empty name becomes 'layer'.
	 */
	public static String identifier(String name) {
		String id = name.replaceAll("[^A-Za-z0-9_]+", "_");
		if (id.isEmpty())
			return "layer";
		return Character.isDigit(id.charAt(0)) ? "n" + id : id;
	}
}
