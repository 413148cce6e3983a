package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.volr.gen.TargetRegistry;
import org.volr.lang.validation.TargetCatalog;

/**
 * The checker knows the targets from their bundles' declarations, the generators from their classes: the two lists
 * agree (the registry refuses a declaration whose id differs from its class's), so a new target bundle is checked
 * without an edit to the language.
 */
class TargetCatalogTest {
	@Test
	void theCheckerKnowsExactlyTheInstalledGenerators() {
		Map<String, Map<String, Set<String>>> declared = TargetCatalog.installed();
		assertEquals(TargetRegistry.ids(), List.copyOf(declared.keySet()));
		assertEquals(List.of("brian2", "lava", "nir", "pynn", "spinnaker"), TargetRegistry.ids());
		assertEquals(Map.of("backend", Set.of("brian2", "neuron", "nest", "spinnaker")), declared.get("pynn"));
		assertEquals(Map.of("standalone", Set.of(), "runtime", Set.of()), declared.get("brian2"));
		assertEquals(Map.of(), declared.get("nir"));
	}
}
