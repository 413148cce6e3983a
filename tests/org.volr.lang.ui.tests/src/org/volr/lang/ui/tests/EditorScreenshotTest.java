package org.volr.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.volr.lang.ui.editor.VolrEditor;

/**
 * The editor as a user sees it: xor.volr with the outline and the completion popup open. Checks that the popup is
 * on screen and that the captured window is a real picture; with -Dvolr.screenshots=DIR it also writes
 * DIR/editor.png (the README's screenshot).
 */
class EditorScreenshotTest {
	@AfterEach
	void closeEditors() {
		Workbench.page().closeAllEditors(false);
	}

	@Test
	void completionPopupOverTheEditorIsOnScreen() throws Exception {
		Shell window = Workbench.page().getWorkbenchWindow().getShell();
		window.setBounds(0, 0, 1100, 720);
		Workbench.page().showView(IPageLayout.ID_OUTLINE);
		VolrEditor editor = Workbench.open(Workbench.copyXor("xor.volr"));
		Workbench.waitForCheck(editor);
		String text = editor.document().get();
		int afterSeq = text.indexOf("4 ⦶ ") + 4;
		List<String> popup = Workbench.completionPopup(editor, afterSeq);
		assertTrue(popup.containsAll(List.of("dense", "conv2d")), "popup: " + popup);
		assertTrue(!popup.contains("xor"), "xor is the network being defined there: " + popup);
		Workbench.pump(300);

		Display display = Display.getCurrent();
		Rectangle area = window.getBounds().intersection(display.getBounds());
		Image image = new Image(display, area.width, area.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, area.x, area.y);
		} finally {
			gc.dispose();
		}
		try {
			ImageData data = image.getImageData();
			assertTrue(distinctColours(data) > 20, "the captured window has " + distinctColours(data) + " colours; is it blank?");
			String dir = System.getProperty("volr.screenshots", "");
			if (!dir.isBlank())
				write(data, Path.of(dir).resolve("editor.png"));
		} finally {
			image.dispose();
		}
	}

	private static int distinctColours(ImageData data) {
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < data.height; y += 4)
			for (int x = 0; x < data.width; x += 4)
				colours.add(data.getPixel(x, y));
		return colours.size();
	}

	/** Written next to the target and then moved, so that a failed run never leaves half a PNG. */
	private static void write(ImageData data, Path target) throws Exception {
		Files.createDirectories(target.getParent());
		Path temp = Files.createTempFile(target.getParent(), "editor", ".png.tmp");
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(temp.toString(), SWT.IMAGE_PNG);
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--")); // temp files start private
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
