package org.volr.lang.ui.editor;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.FrameworkUtil;

/**
 * STIX General (fonts/, SIL OFL 1.1), shipped for the calculus' operators ⦶ (U+29B6) and ⊖ (U+2296), which no font
 * Debian installs by default has. GTK takes fallback glyphs only from the fonts fontconfig knew when the display
 * opened, so the font is made known by configuration, not by code: ./volr-studio starts Volr Studio with
 * FONTCONFIG_FILE set to {@link #CONFIG} (the machine's fonts plus this folder).
 */
public final class OperatorFont {
	/** The shipped font, inside this bundle. */
	public static final String FILE = "fonts/STIXGeneral-Regular.otf";
	/** The fontconfig file that adds it to the machine's fonts. */
	public static final String CONFIG = "fonts/fonts.conf";
	/** The operators it is there for. */
	public static final String OPERATORS = "\u29B6\u2296";

	private OperatorFont() {
	}

	/** The font as a file (extracted from the bundle's jar when it is packed). */
	public static Path file() {
		URL entry = FrameworkUtil.getBundle(OperatorFont.class).getEntry(FILE);
		if (entry == null)
			throw new IllegalStateException("bundle org.volr.lang.ui has no " + FILE);
		try {
			return Path.of(FileLocator.toFileURL(entry).getPath());
		} catch (IOException e) {
			throw new IllegalStateException("cannot extract " + FILE + ": " + e.getMessage(), e);
		}
	}
}
