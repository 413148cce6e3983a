package org.volr.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The installed targets. Inside Equinox (the volr command and the IDE both run there) they come from the
 * {@code org.volr.gen.targets} extension point, so a new target is one new bundle; in a plain JVM, from
 * {@link ServiceLoader} ({@code META-INF/services/org.volr.gen.TargetGenerator}).
 */
public final class TargetRegistry {
	private static final String POINT = "org.volr.gen.targets";

	private TargetRegistry() {
	}

	public static List<TargetGenerator> all() {
		List<TargetGenerator> found = fromExtensions();
		if (found.isEmpty())
			ServiceLoader.load(TargetGenerator.class, TargetRegistry.class.getClassLoader()).forEach(found::add);
		found.sort(Comparator.comparing(TargetGenerator::id));
		return found;
	}

	public static Optional<TargetGenerator> find(String id) {
		return all().stream().filter(t -> t.id().equals(id)).findFirst();
	}

	public static List<String> ids() {
		return all().stream().map(TargetGenerator::id).toList();
	}

	private static List<TargetGenerator> fromExtensions() {
		List<TargetGenerator> found = new ArrayList<>();
		try {
			org.eclipse.core.runtime.IExtensionRegistry registry = org.eclipse.core.runtime.RegistryFactory.getRegistry();
			if (registry == null)
				return found;
			for (org.eclipse.core.runtime.IConfigurationElement e : registry.getConfigurationElementsFor(POINT)) {
				try {
					if (e.createExecutableExtension("class") instanceof TargetGenerator g) {
						if (!g.id().equals(e.getAttribute("id")))
							throw new IllegalStateException("bundle " + e.getContributor().getName() + " declares target '" + e.getAttribute("id")
									+ "' for a class whose id() is '" + g.id() + "'; the two must agree");
						found.add(g);
					}
				} catch (org.eclipse.core.runtime.CoreException ex) {
					throw new IllegalStateException("target of bundle " + e.getContributor().getName() + " cannot be created: " + ex.getMessage(), ex);
				}
			}
		} catch (NoClassDefFoundError notInOsgi) {
			// no extension registry on the class path: the ServiceLoader route applies
		}
		return found;
	}
}
