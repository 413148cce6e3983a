package org.volr.ui.preferences;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.volr.pipeline.SimulationDefaults;
import org.volr.ui.internal.VolrUiPlugin;

/**
 * The simulator defaults launches use where an experiment says nothing (no duration, batch or seed; threads,
 * which no experiment sets): stored in the workbench's preferences, initialised to the command line's.
 */
public final class SimulatorPreferences extends AbstractPreferenceInitializer {
	public static final String STEPS = "simulator.steps";
	public static final String BATCH = "simulator.batch";
	public static final String THREADS = "simulator.threads";
	public static final String SEED = "simulator.seed";

	@Override
	public void initializeDefaultPreferences() {
		IPreferenceStore store = store();
		SimulationDefaults standard = SimulationDefaults.STANDARD;
		store.setDefault(STEPS, standard.steps());
		store.setDefault(BATCH, standard.batch());
		store.setDefault(THREADS, standard.threads());
		store.setDefault(SEED, standard.seed());
	}

	/** The defaults as stored now; the command line's where a stored value is out of range. */
	public static SimulationDefaults defaults() {
		IPreferenceStore store = store();
		try {
			return new SimulationDefaults(store.getInt(STEPS), store.getInt(BATCH), store.getInt(THREADS), store.getLong(SEED));
		} catch (IllegalArgumentException e) {
			VolrUiPlugin.log("simulator preferences out of range, using the standard defaults: " + e.getMessage(), null);
			return SimulationDefaults.STANDARD;
		}
	}

	public static IPreferenceStore store() {
		return VolrUiPlugin.getDefault().getPreferenceStore();
	}
}
