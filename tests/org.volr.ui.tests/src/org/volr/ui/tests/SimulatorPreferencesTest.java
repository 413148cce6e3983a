package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.volr.pipeline.SimulationDefaults;
import org.volr.ui.preferences.SimulatorPreferencePage;
import org.volr.ui.preferences.SimulatorPreferences;

/** The simulator preference page: values typed, stored, read back by launches, restored to the defaults. */
class SimulatorPreferencesTest {
	private Shell shell;

	@AfterEach
	void restore() {
		SimulatorPreferences.store().setToDefault(SimulatorPreferences.STEPS);
		SimulatorPreferences.store().setToDefault(SimulatorPreferences.BATCH);
		SimulatorPreferences.store().setToDefault(SimulatorPreferences.THREADS);
		SimulatorPreferences.store().setToDefault(SimulatorPreferences.SEED);
		if (shell != null)
			shell.dispose();
	}

	@Test
	void valuesTypedIntoThePageAreWhatLaunchesUse() {
		assertEquals(SimulationDefaults.STANDARD, SimulatorPreferences.defaults(), "initialised to the command line's defaults");
		SimulatorPreferencePage page = open();
		List<Text> fields = texts(page.getControl());
		assertEquals(4, fields.size(), "steps, batch, threads, seed");
		assertEquals("100", fields.get(0).getText());
		type(fields.get(0), "250");
		type(fields.get(1), "32");
		type(fields.get(2), "1");
		type(fields.get(3), "12345678901");
		assertTrue(page.performOk());
		assertEquals(new SimulationDefaults(250, 32, 1, 12345678901L), SimulatorPreferences.defaults());

		// a second page shows what was stored; Restore Defaults brings the standard values back
		shell.dispose();
		page = open();
		fields = texts(page.getControl());
		assertEquals("250", fields.get(0).getText());
		assertEquals("12345678901", fields.get(3).getText());
		org.eclipse.swt.widgets.Button restore = buttons(page.getControl()).stream().filter(b -> b.getText().replace("&", "").equals("Restore Defaults"))
				.findFirst().orElseThrow(() -> new AssertionError("no Restore Defaults button"));
		restore.notifyListeners(SWT.Selection, new Event());
		assertEquals("100", fields.get(0).getText());
		assertTrue(page.performOk());
		assertEquals(SimulationDefaults.STANDARD, SimulatorPreferences.defaults());
	}

	@Test
	void valuesOutOfRangeAreRefusedByThePage() {
		SimulatorPreferencePage page = open();
		List<Text> fields = texts(page.getControl());
		type(fields.get(1), "0");
		assertFalse(page.isValid(), "batch 0 is refused");
		type(fields.get(1), "64");
		type(fields.get(3), "seven");
		assertFalse(page.isValid(), "a seed that is no number is refused");
		type(fields.get(3), "7");
		assertTrue(page.isValid());
	}

	private SimulatorPreferencePage open() {
		shell = new Shell(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
		SimulatorPreferencePage page = new SimulatorPreferencePage();
		page.init(PlatformUI.getWorkbench());
		page.createControl(shell);
		return page;
	}

	/** Sets the text as typing does: the field editors validate on key strokes and on leaving the field. */
	private static void type(Text t, String text) {
		t.setText(text);
		for (int type : new int[] { SWT.KeyDown, SWT.KeyUp, SWT.FocusOut })
			t.notifyListeners(type, new Event());
	}

	private static List<org.eclipse.swt.widgets.Button> buttons(Control c) {
		List<org.eclipse.swt.widgets.Button> found = new ArrayList<>();
		Control top = c;
		while (top.getParent() != null && !(top instanceof Shell))
			top = top.getParent();
		collect(top, found);
		return found;
	}

	private static void collect(Control c, List<org.eclipse.swt.widgets.Button> found) {
		if (c instanceof org.eclipse.swt.widgets.Button b)
			found.add(b);
		if (c instanceof Composite composite)
			for (Control child : composite.getChildren())
				collect(child, found);
	}

	private static List<Text> texts(Control c) {
		List<Text> found = new ArrayList<>();
		if (c instanceof Text t)
			found.add(t);
		if (c instanceof Composite composite)
			for (Control child : composite.getChildren())
				found.addAll(texts(child));
		return found;
	}
}
