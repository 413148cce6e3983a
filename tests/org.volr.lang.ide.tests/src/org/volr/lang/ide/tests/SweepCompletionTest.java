package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In a {@code sweep { ... }} clause completion offers what the experiment can vary: percentile, steps, its neuron model's parameters. */
class SweepCompletionTest {
	@TempDir
	Path workspace;

	@Test
	void offersPercentileStepsAndTheNeuronModelsParameters() throws Exception {
		String text = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron LIF { tau_m 20 ms }\n  sweep { percentile 99, 99.9; \n}\n";
		List<CompletionItem> items = LspSession.completionAfter(workspace, text, "sweep { percentile 99, 99.9; ");
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(List.of("percentile", "steps", "v_thresh", "tau_m", "tau_refrac")), "offered: " + labels);
		assertTrue(!labels.contains("tau_syn_E"), "a LIF neuron has no synaptic time constant: " + labels);
		CompletionItem steps = items.stream().filter(i -> i.getLabel().equals("steps")).findFirst().orElseThrow();
		assertEquals("sweep parameter", steps.getDetail());
	}
}
