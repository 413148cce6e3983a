package org.volr.diagram;

import java.util.Locale;

import org.eclipse.elk.core.options.Direction;

/**
 * Which way data flows in a laid-out diagram: left to right (the default, as in the SVG export) or top down, which
 * suits a long chain shown in a tall window. Clients name it by {@link #id()} ({@code right}, {@code down}) so
 * that they need not know ELK.
 */
public enum LayoutDirection {
	RIGHT(Direction.RIGHT), DOWN(Direction.DOWN);

	final Direction elk;

	LayoutDirection(Direction elk) {
		this.elk = elk;
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The direction named {@code right} or {@code down}; an unknown name is refused with the known ones. */
	public static LayoutDirection of(String id) {
		for (LayoutDirection d : values())
			if (d.id().equals(id))
				return d;
		throw new IllegalArgumentException("unknown layout direction '" + id + "' (known: right, down)");
	}
}
