package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.net.neuron.NeuronModels;

/**
 * Neuron models are plug-ins, not keywords of the grammar: completion offers the registered models after
 * {@code neuron}, and inside the block the chosen model's parameters with their defaults.
 */
class NeuronCompletionTest {
	@TempDir
	Path workspace;

	@Test
	void offersEveryRegisteredModelAfterNeuron() throws Exception {
		String first = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron ";
		List<CompletionItem> items = LspSession.completionAfter(workspace, first + "\n}\n", "  neuron ");
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(NeuronModels.names()), "models offered: " + labels);
		CompletionItem lif = items.stream().filter(i -> i.getLabel().equals("LIF")).findFirst().orElseThrow();
		assertEquals("neuron model", lif.getDetail());
	}

	@Test
	void offersTheChosenModelsParametersWithDefaults() throws Exception {
		String text = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron LIF { \n}\n";
		List<CompletionItem> items = LspSession.completionAfter(workspace, text, "neuron LIF { ");
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(List.of("v_thresh", "v_reset", "tau_refrac", "v_min", "tau_m", "v_rest")), "parameters offered: " + labels);
		assertTrue(!labels.contains("tau_syn_E"), "a LIF neuron has no synaptic time constant: " + labels);
		CompletionItem tau = items.stream().filter(i -> i.getLabel().equals("tau_m")).findFirst().orElseThrow();
		assertEquals("LIF parameter, default 20 ms", tau.getDetail());
	}
}
