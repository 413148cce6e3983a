package org.volr.ui.preferences;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window › Preferences › Volr Simulator: the defaults of {@link SimulatorPreferences}. */
public final class SimulatorPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
	public SimulatorPreferencePage() {
		super(GRID);
		setPreferenceStore(SimulatorPreferences.store());
		setDescription("Used by Volr Experiment launches where the experiment does not say otherwise.");
	}

	@Override
	protected void createFieldEditors() {
		IntegerFieldEditor steps = new IntegerFieldEditor(SimulatorPreferences.STEPS, "&Steps (no duration given):", getFieldEditorParent());
		steps.setValidRange(1, 1_000_000);
		addField(steps);
		IntegerFieldEditor batch = new IntegerFieldEditor(SimulatorPreferences.BATCH, "Samples per &batch:", getFieldEditorParent());
		batch.setValidRange(1, 1_000_000);
		addField(batch);
		IntegerFieldEditor threads = new IntegerFieldEditor(SimulatorPreferences.THREADS, "&Threads (0: one per core):", getFieldEditorParent());
		threads.setValidRange(0, 1024);
		addField(threads);
		addField(new SeedFieldEditor(getFieldEditorParent()));
	}

	@Override
	public void init(IWorkbench workbench) {
	}

	/** A seed is any long; IntegerFieldEditor stops at int. */
	private static final class SeedFieldEditor extends StringFieldEditor {
		SeedFieldEditor(org.eclipse.swt.widgets.Composite parent) {
			super(SimulatorPreferences.SEED, "S&eed (no seed given):", parent);
			setErrorMessage("the seed is a whole number");
		}

		@Override
		protected boolean checkState() {
			try {
				Long.parseLong(getStringValue().trim());
				clearErrorMessage();
				return true;
			} catch (NumberFormatException e) {
				showErrorMessage();
				return false;
			}
		}

		@Override
		protected void doStore() {
			getPreferenceStore().setValue(getPreferenceName(), Long.parseLong(getStringValue().trim()));
		}
	}
}
