package org.volr.lang.validation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The code generation targets installed, with their options, as the target bundles declare them on the
 * {@code org.volr.gen.targets} extension point: a new target bundle is known to the checker without an edit here.
 * The language cannot depend on the generators, so it reads their declarations, not their classes. Outside
 * Equinox, or where no target bundle is installed, the catalog is empty and targets are not checked here
 * ({@code volr generate} still refuses an unknown one).
 */
public final class TargetCatalog {
	private static final String POINT = "org.volr.gen.targets";

	private TargetCatalog() {
	}

	/** Target id → option name → values allowed (empty: a flag; "*": any value). */
	public static Map<String, Map<String, Set<String>>> installed() {
		Map<String, Map<String, Set<String>>> targets = new TreeMap<>();
		try {
			org.eclipse.core.runtime.IExtensionRegistry registry = org.eclipse.core.runtime.RegistryFactory.getRegistry();
			if (registry == null)
				return targets;
			for (org.eclipse.core.runtime.IConfigurationElement e : registry.getConfigurationElementsFor(POINT)) {
				String id = e.getAttribute("id");
				if (id == null)
					continue;
				Map<String, Set<String>> options = new LinkedHashMap<>();
				for (org.eclipse.core.runtime.IConfigurationElement o : e.getChildren("option")) {
					String values = o.getAttribute("values");
					options.put(o.getAttribute("name"), values == null || values.isBlank() ? Set.of()
							: Set.copyOf(Arrays.asList(values.trim().split("\\s+"))));
				}
				targets.put(id, options);
			}
		} catch (NoClassDefFoundError notInOsgi) {
			// no extension registry on the class path: nothing is known to be installed
		}
		return targets;
	}
}
