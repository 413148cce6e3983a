package org.volr.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.volr.lang.ui.editor.OperatorFont;
import org.volr.lang.ui.editor.VolrEditor;

/**
 * The calculus' operators ⦶ and ⊖ render in the editor (from the shipped STIX font, which the pom adds to
 * fontconfig as ./volr-studio does), and .volr files have Volr's icon.
 */
class OperatorFontTest {
	@AfterEach
	void closeEditors() {
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void theShippedFontHasBothOperators() throws Exception {
		java.awt.Font font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, OperatorFont.file().toFile());
		assertEquals("STIXGeneral", font.getFamily());
		for (char c : OperatorFont.OPERATORS.toCharArray())
			assertTrue(font.canDisplay(c), "STIX General has U+" + Integer.toHexString(c).toUpperCase());
	}

	@Test
	void theEditorDrawsTheOperatorsNotBoxes() throws Exception {
		VolrEditor editor = Workbench.open(Workbench.copyXor("xor.volr"));
		assertTrue(editor.document().get().contains("⦶"));
		assertTrue(Arrays.stream(PlatformUI.getWorkbench().getDisplay().getFontList("STIXGeneral", true)).findAny().isPresent(),
				"fontconfig knows STIX General (FONTCONFIG_FILE=" + System.getenv("FONTCONFIG_FILE") + ")");
		StyledText text = editor.viewer().getTextWidget();
		GC gc = new GC(text);
		try {
			gc.setFont(text.getFont());
			// a glyph no font has (an unassigned code point) is drawn as a box with its hex digits; the operators are not
			int box = gc.textExtent("\u0378").x;
			for (char c : OperatorFont.OPERATORS.toCharArray())
				assertNotEquals(box, gc.textExtent(String.valueOf(c)).x, "U+" + Integer.toHexString(c).toUpperCase() + " is drawn as a box");
		} finally {
			gc.dispose();
		}
	}

	@Test
	void volrFilesHaveVolrsIcon() {
		ImageDescriptor icon = PlatformUI.getWorkbench().getEditorRegistry().getImageDescriptor("network.volr");
		assertNotNull(icon);
		ImageData data = icon.getImageData(100);
		assertEquals(16, data.width);
		ImageData missing = ImageDescriptor.getMissingImageDescriptor().getImageData(100);
		assertFalse(Arrays.equals(data.data, missing.data), "not the missing-image square");
		assertEquals(VolrEditor.ID, PlatformUI.getWorkbench().getEditorRegistry().getDefaultEditor("network.volr").getId());
	}
}
