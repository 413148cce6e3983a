package org.volr.diagram.edit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.diagram.edit.EditCommand;
import org.volr.diagram.edit.EditCommand.AddLayer;
import org.volr.diagram.edit.EditCommand.Delete;
import org.volr.diagram.edit.EditCommand.InsertParallelBranch;
import org.volr.diagram.edit.EditCommand.LayerSpec;
import org.volr.diagram.edit.EditCommand.SetNeuronModel;
import org.volr.diagram.edit.EditCommand.SetParameter;
import org.volr.diagram.edit.EditCommand.Connect;
import org.volr.diagram.edit.EditException;
import org.volr.diagram.edit.TextEdits;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.Dense;
import org.volr.model.Experiment;
import org.volr.model.Network;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;

/** Each edit command → the expected .volr text (comments elsewhere kept), and the text parses to the expected model. */
class TextEditsTest {
	private static final VolrLanguage LANGUAGE = VolrLanguage.create();
	private static final Path FILE = Path.of("edited.volr");

	private static final String LENET = """
			// LeNet, shortened
			network lenet {
			    input [1, 28, 28]
			    c1: conv2d(6, kernel: 5, padding: same) relu     // [6, 28, 28]
			    s2: avgpool 2                                    // [6, 14, 14]
			    flatten                                          // 1176
			    f5: dense 120 relu
			    out: dense 10 softmax
			}

			// the experiment
			experiment fashion {
			    network lenet
			    neuron IF { v_thresh 1.0 }
			}
			""";

	private static final String XOR = """
			// the thesis network
			network xor = dense 2 4 ⦶ dense 4 2 linear

			// trained below
			experiment learn {
			    network xor
			}
			""";

	/** Ids as the diagram gives them: URI fragments, and the network's own fragment plus /input or /output. */
	private static final String LENET_STEP = "//@elements.0/@body/@steps.";
	private static final String XOR_STEP = "//@elements.0/@body/@steps.";

	private static String edit(String text, EditCommand command) throws EditException {
		return new TextEdits(LANGUAGE).apply(FILE, text, command);
	}

	/** Parses and checks the text: no errors at all, so the edit left a file that type-checks. */
	private static VolrFile parseClean(String text) {
		VolrLanguage.Workspace ws = LANGUAGE.workspace();
		ws.add(FILE, text);
		List<Diagnostic> errors = ws.check().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		assertEquals(List.of(), errors, text);
		return ws.model(FILE);
	}

	private static Block lenetBody(VolrFile file) {
		return (Block) ((Network) file.getElements().get(0)).getBody();
	}

	@Test
	void addDenseAfterALayerIsANewLineAndKeepsEveryComment() throws Exception {
		String out = edit(LENET, new AddLayer(LENET_STEP + "3", false, new LayerSpec("dense", Map.of("units", "64"))));
		assertEquals(LENET.replace("    f5: dense 120 relu\n", "    f5: dense 120 relu\n    dense 64 relu\n"), out);
		Block body = lenetBody(parseClean(out));
		assertEquals(6, body.getSteps().size());
		Dense added = assertInstanceOf(Dense.class, body.getSteps().get(4));
		assertEquals(64, added.getUnits());
	}

	@Test
	void theCreatedLayersIdIsItsIdInTheNewText() throws Exception {
		TextEdits.Result r = new TextEdits(LANGUAGE).edit(FILE, LENET,
				new AddLayer(LENET_STEP + "3", false, new LayerSpec("dense", Map.of("units", "64"))));
		assertEquals(LENET_STEP + "4", r.createdId());
		VolrLanguage.Workspace ws = LANGUAGE.workspace();
		assertEquals(64, ((Dense) ws.add(FILE, r.text()).getEObject(r.createdId())).getUnits());
	}

	@Test
	void addBeforeALayerWithAnEndOfLineCommentLeavesTheCommentOnItsLayer() throws Exception {
		String out = edit(LENET, new AddLayer(LENET_STEP + "1", true, new LayerSpec("conv2d", Map.of("filters", "4"))));
		assertEquals(LENET.replace("    s2: avgpool 2", "    conv2d(4, kernel: 3) relu\n    s2: avgpool 2"), out);
		Conv conv = assertInstanceOf(Conv.class, lenetBody(parseClean(out)).getSteps().get(1));
		assertEquals(4, conv.getFilters());
	}

	@Test
	void addAfterTheInputAndBeforeTheOutput() throws Exception {
		// a layer without parameters (a batch norm here would be refused: the experiment simulates the network)
		String first = edit(LENET, new AddLayer("//@elements.0/input", false, new LayerSpec("identity", Map.of())));
		assertEquals(LENET.replace("    c1:", "    identity\n    c1:"), first);
		String last = edit(LENET, new AddLayer("//@elements.0/output", true, new LayerSpec("dropout", Map.of("rate", "0.25"))));
		assertEquals(LENET.replace("    out: dense 10 softmax\n", "    out: dense 10 softmax\n    dropout 0.25\n"), last);
		parseClean(first);
		assertEquals(6, lenetBody(parseClean(last)).getSteps().size());
	}

	@Test
	void addInTheCalculusRewritesOnlyThatExpressionAndKeepsItsOperators() throws Exception {
		String out = edit(XOR, new AddLayer(XOR_STEP + "0", false, new LayerSpec("dense", Map.of("units", "4"))));
		assertEquals(XOR.replace("dense 2 4 ⦶ dense 4 2 linear", "dense 2 4 ⦶ dense 4 relu ⦶ dense 4 2 linear"), out);
		Sequence seq = assertInstanceOf(Sequence.class, ((Network) parseClean(out).getElements().get(0)).getBody());
		assertEquals(3, seq.getSteps().size());
	}

	@Test
	void insertParallelBranchBesideALayer() throws Exception {
		String out = edit(LENET, new InsertParallelBranch(LENET_STEP + "3", new LayerSpec("dense", Map.of("units", "20"))));
		assertEquals(LENET.replace("    f5: dense 120 relu\n", "    f5: dense 120 relu | dense 20 relu\n"), out);
		Parallel par = assertInstanceOf(Parallel.class, lenetBody(parseClean(out)).getSteps().get(3));
		assertEquals(2, par.getBranches().size());
		assertEquals(20, ((Dense) par.getBranches().get(1)).getUnits());
	}

	@Test
	void connectMakesASkipConnectionOverTheLayersBetween() throws Exception {
		String text = """
				network res {
				    input [16]
				    h: dense 16 relu
				    a: dense 16 relu
				    b: dense 16 relu
				    out: dense 4 softmax
				}
				""";
		// h → out: a and b become one branch, h's output passed on beside them, added before out
		String out = edit(text, new Connect(LENET_STEP + "0", LENET_STEP + "3", true));
		assertEquals(text.replace("""
				    a: dense 16 relu
				    b: dense 16 relu
				""", """
				    {
				        a: dense 16 relu
				        b: dense 16 relu
				    } + identity
				"""), out);
		Block body = lenetBody(parseClean(out));
		assertEquals(3, body.getSteps().size());
		org.volr.model.Add add = assertInstanceOf(org.volr.model.Add.class, body.getSteps().get(1));
		assertEquals(2, ((Block) add.getBranches().get(0)).getSteps().size());
		assertInstanceOf(org.volr.model.Identity.class, add.getBranches().get(1));
		// from the input over one layer, concatenated: out now reads 16 + 16 values, which the checker reports
		String concat = edit(text, new Connect("//@elements.0/input", LENET_STEP + "1", false));
		assertTrue(concat.contains("    h: dense 16 relu | identity\n"), concat);
	}

	@Test
	void connectInTheCalculusRewritesTheExpression() throws Exception {
		String text = "network skip = dense 8 8 ⦶ dense 8 8 ⦶ dense 8 8 ⦶ dense 8 2\n";
		String out = edit(text, new Connect(XOR_STEP + "0", XOR_STEP + "3", true));
		// + binds tighter than ⦶, so only the skipped pair needs parentheses
		assertEquals("network skip = dense 8 8 ⦶ (dense 8 8 ⦶ dense 8 8) + identity ⦶ dense 8 2\n", out);
		Sequence body = (Sequence) ((Network) parseClean(out).getElements().get(0)).getBody();
		assertEquals(3, body.getSteps().size());
		org.volr.model.Add add = assertInstanceOf(org.volr.model.Add.class, body.getSteps().get(1));
		assertEquals(2, ((Sequence) add.getBranches().get(0)).getSteps().size());
	}

	@Test
	void connectionsThatDoNotSkipAlongOneChainAreRefused() {
		EditException e = assertThrows(EditException.class, () -> edit(LENET, new Connect(LENET_STEP + "3", LENET_STEP + "4", true)));
		assertTrue(e.getMessage().contains("at least one layer between"), e.getMessage());
		e = assertThrows(EditException.class, () -> edit(LENET, new Connect(LENET_STEP + "3", LENET_STEP + "0", true)));
		assertTrue(e.getMessage().contains("must come after"), e.getMessage());
		e = assertThrows(EditException.class, () -> edit(LENET, new Connect("//@elements.0/output", LENET_STEP + "0", true)));
		assertTrue(e.getMessage().contains("starts at the input or a layer"), e.getMessage());
		// the layers skipped have end-of-line comments: the edit would move them, so it is refused
		e = assertThrows(EditException.class, () -> edit(LENET, new Connect(LENET_STEP + "0", LENET_STEP + "3", true)));
		assertTrue(e.getMessage().contains("comments"), e.getMessage());
	}

	@Test
	void deleteTakesTheLineWithItsComment() throws Exception {
		String out = edit(LENET, new Delete(LENET_STEP + "1"));
		assertEquals(LENET.replace("    s2: avgpool 2                                    // [6, 14, 14]\n", ""), out);
		assertEquals(4, lenetBody(parseClean(out)).getSteps().size());
	}

	@Test
	void deleteInTheCalculusLeavesTheOtherStep() throws Exception {
		String out = edit(XOR, new Delete(XOR_STEP + "1"));
		assertEquals(XOR.replace("dense 2 4 ⦶ dense 4 2 linear", "dense 2 4"), out);
		assertInstanceOf(Dense.class, ((Network) parseClean(out).getElements().get(0)).getBody());
	}

	@Test
	void deletingABranchLeavesTheOtherBranchAsTheStep() throws Exception {
		String text = LENET.replace("    f5: dense 120 relu\n", "    f5: dense 120 relu | dense 20 relu\n");
		String out = edit(text, new Delete(LENET_STEP + "3/@branches.1"));
		assertEquals(LENET, out);
	}

	@Test
	void setParameterRewritesOnlyThatLayer() throws Exception {
		String out = edit(LENET, new SetParameter(LENET_STEP + "3", "units", "84"));
		assertEquals(LENET.replace("f5: dense 120 relu", "f5: dense 84 relu"), out);
		assertEquals(84, ((Dense) lenetBody(parseClean(out)).getSteps().get(3)).getUnits());

		String kernel = edit(LENET, new SetParameter(LENET_STEP + "0", "kernel", "3, 3"));
		assertEquals(LENET.replace("conv2d(6, kernel: 5, padding: same)", "conv2d(6, kernel: 3, padding: same)"), kernel);
		assertEquals(List.of(3), ((Conv) lenetBody(parseClean(kernel)).getSteps().get(0)).getKernel());
		String pool = edit(LENET, new SetParameter(LENET_STEP + "1", "kind", "maxpool"));
		assertEquals(List.of(2), assertInstanceOf(Pool.class, lenetBody(parseClean(pool)).getSteps().get(1)).getSize());
	}

	@Test
	void clearingOptionalParametersRemovesTheirWords() throws Exception {
		assertEquals(XOR.replace("dense 4 2 linear", "dense 4 2"), edit(XOR, new SetParameter(XOR_STEP + "1", "activation", "")));
		assertEquals(XOR.replace("dense 4 2 linear", "dense 2 linear"), edit(XOR, new SetParameter(XOR_STEP + "1", "inputs", "")));
		assertEquals(LENET.replace("f5: dense", "dense"), edit(LENET, new SetParameter(LENET_STEP + "3", "label", "")));
	}

	@Test
	void aSizeMismatchIsWrittenAndThenReportedByTheChecker() throws Exception {
		String out = edit(XOR, new SetParameter(XOR_STEP + "1", "inputs", "3"));
		assertEquals(XOR.replace("dense 4 2 linear", "dense 3 2 linear"), out);
		VolrLanguage.Workspace ws = LANGUAGE.workspace();
		ws.add(FILE, out);
		assertTrue(ws.check().stream().anyMatch(d -> d.message().contains("Incompatible network sizes")), ws.check().toString());
	}

	@Test
	void setNeuronModelChangesTheExperimentsKind() throws Exception {
		String out = edit(LENET, new SetNeuronModel("//@elements.0", "LIF"));
		assertEquals(LENET.replace("neuron IF {", "neuron LIF {"), out);
		assertEquals("LIF", ((Experiment) parseClean(out).getElements().get(1)).getNeuron().getKind());
		// an experiment without a neuron clause gets one
		String xor = edit(XOR, new SetNeuronModel(XOR_STEP + "0", "CubaLIF"));
		assertEquals(XOR.replace("    network xor\n}", "    network xor\n    neuron CubaLIF\n}"), xor);
	}

	@Test
	void refusedEditsSayWhyAndChangeNothing() {
		assertEquals("dense units must be a positive whole number, got 'many'",
				assertThrows(EditException.class, () -> edit(LENET, new SetParameter(LENET_STEP + "3", "units", "many"))).getMessage());
		assertEquals("the input cannot be deleted",
				assertThrows(EditException.class, () -> edit(LENET, new Delete("//@elements.0/input"))).getMessage());
		assertEquals("the only layer of network solo cannot be deleted",
				assertThrows(EditException.class, () -> edit("network solo = dense 2 2\n", new Delete(XOR_STEP.replace("/@steps.", "")))).getMessage());
		assertTrue(assertThrows(EditException.class, () -> edit(LENET, new AddLayer(LENET_STEP + "3", false, new LayerSpec("lstm", Map.of())))).getMessage()
				.startsWith("unknown layer kind 'lstm'"));
		assertTrue(assertThrows(EditException.class, () -> edit("network broken { dense }\n", new Delete(LENET_STEP + "0"))).getMessage()
				.contains("syntax errors"));
		assertTrue(assertThrows(EditException.class, () -> edit(LENET, new Delete("//@elements.0/@body/@steps.42"))).getMessage()
				.startsWith("no node"));
	}
}
