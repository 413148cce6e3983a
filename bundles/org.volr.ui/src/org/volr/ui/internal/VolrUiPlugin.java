package org.volr.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.plugin.AbstractUIPlugin;

/** The bundle's activator: owns the preference store the simulator defaults live in. */
public final class VolrUiPlugin extends AbstractUIPlugin {
	private static VolrUiPlugin instance;

	public VolrUiPlugin() {
		instance = this;
	}

	public static VolrUiPlugin getDefault() {
		return instance;
	}

	/** An icon of this bundle (icons/NAME.png), loaded once and disposed with the bundle's image registry. */
	public static Image image(String path) {
		ImageRegistry registry = getDefault().getImageRegistry();
		if (registry.getDescriptor(path) == null)
			registry.put(path, imageDescriptorFromPlugin(getDefault().getBundle().getSymbolicName(), path));
		return registry.get(path);
	}

	/** Logs what a user cannot act on (a failed refresh, say) without interrupting them. */
	public static void log(String message, Throwable e) {
		ILog.of(VolrUiPlugin.class).log(Status.warning(message, e));
	}
}
