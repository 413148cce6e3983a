package org.volr.ui.startup;

import org.eclipse.ui.IStartup;

/** The org.eclipse.ui.startup hook: imports the examples once the workbench is up. */
public final class Startup implements IStartup {
	@Override
	public void earlyStartup() {
		ExamplesImport.schedule();
	}
}
