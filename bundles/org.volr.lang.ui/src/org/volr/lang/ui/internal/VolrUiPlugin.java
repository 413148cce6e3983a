package org.volr.lang.ui.internal;

import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;
import org.volr.lang.ide.VolrIdeSetup;
import org.volr.lang.ui.services.VolrServices;

import com.google.inject.Injector;

/** The editor bundle's activator: owns the one Xtext injector (runtime + generic IDE module) the editor uses. */
public class VolrUiPlugin extends AbstractUIPlugin {
	public static final String ID = "org.volr.lang.ui";

	private static VolrUiPlugin instance;
	private VolrServices services;

	@Override
	public void start(BundleContext context) throws Exception {
		super.start(context);
		instance = this;
	}

	@Override
	public void stop(BundleContext context) throws Exception {
		instance = null;
		super.stop(context);
	}

	public static VolrUiPlugin getDefault() {
		return instance;
	}

	/** An icon of this bundle (icons/NAME.png), loaded once and disposed with the bundle's image registry. */
	public static Image image(String path) {
		ImageRegistry registry = getDefault().getImageRegistry();
		if (registry.getDescriptor(path) == null)
			registry.put(path, imageDescriptorFromPlugin(ID, path));
		return registry.get(path);
	}

	/** Created on first use: building the injector costs about a second, which plug-in start should not pay. */
	public synchronized VolrServices services() {
		if (services == null) {
			Injector injector = new VolrIdeSetup().createInjectorAndDoEMFRegistration();
			services = new VolrServices(injector);
		}
		return services;
	}
}
