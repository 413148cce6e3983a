package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.xtext.nodemodel.INode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.volr.model.Activation;
import org.volr.model.Add;
import org.volr.model.Block;
import org.volr.model.ChannelOrder;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.DataFormat;
import org.volr.model.Dense;
import org.volr.model.EncodingKind;
import org.volr.model.Experiment;
import org.volr.model.ImportedWeights;
import org.volr.model.LayerClamp;
import org.volr.model.Let;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.Optimizer;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.ResetMode;
import org.volr.model.Sequence;
import org.volr.model.Simulation;
import org.volr.model.Split;
import org.volr.model.Training;
import org.volr.model.VolrFile;
import org.volr.model.WeightFormat;
import org.volr.model.shapes.ShapeInference;

/** The grammar: every example, the thesis programs, the prefix syntax of volrc, operators and experiments. */
class ParserTest {

	static Stream<Path> examples() {
		return Volr.exampleFiles().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void everyExampleParsesAndChecksWithoutErrorsOrWarnings(Path file) {
		Volr.Checked c = Volr.check(file);
		List<INode> syntax = List.copyOf((java.util.Collection<INode>) toList(c.resource().getParseResult().getSyntaxErrors()));
		assertTrue(syntax.isEmpty(), () -> file + " has syntax errors: " + syntax.stream()
				.map(n -> n.getStartLine() + ": " + n.getSyntaxErrorMessage().getMessage()).toList());
		assertNotNull(c.model());
		assertTrue(c.model().getMain() != null || !c.model().getElements().isEmpty(), file + " is empty");
		c.expectClean();
	}

	private static java.util.Collection<INode> toList(Iterable<INode> it) {
		java.util.List<INode> l = new java.util.ArrayList<>();
		it.forEach(l::add);
		return l;
	}

	/** The programs of the thesis (examples/thesis) and the types the thesis gives them. */
	@Test
	void thesisProgramsHaveTheirThesisTypes() {
		Map<String, String> expected = Map.of(
				"dense.volr", "net 2 2",
				"sequential.volr", "net 100 10",
				"nand.volr", "net 2 2",
				"mnist-sequential.volr", "net 100 10",
				"mnist-parallel.volr", "net 100 10",
				"let-parallel.volr", "net 1 1",
				"replicate.volr", "net 2 1",
				"volrc-prefix.volr", "net 2 2");
		Path dir = Volr.examples().resolve("thesis");
		List<Path> files = Volr.volrFiles(dir).stream().filter(p -> p.getParent().equals(dir)).toList();
		assertEquals(expected.keySet(), files.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
				"the thesis programs in " + dir);
		for (Path f : files) {
			Volr.Checked c = Volr.check(f);
			c.expectClean();
			VolrFile model = c.model();
			assertNotNull(model.getMain(), f + " is a bare calculus expression");
			assertEquals(expected.get(f.getFileName().toString()),
					String.valueOf(ShapeInference.of(model).typeOf(model.getMain())), f.toString());
		}
	}

	@Test
	void volrcPrefixSyntaxEqualsInfixSyntax() {
		assertSameModel("Seq (Net 2 4) (Net 4 2)", "dense 2 4 ⦶ dense 4 2");
		assertSameModel("Par (Net 2 4) (Net 2 4)", "dense 2 4 ⊖ dense 2 4");
		assertSameModel("Let x = Net 2 2 in Seq (Ref x) (Ref x)", "let x = dense 2 2 in x ⦶ x");
		assertSameModel("Seq (Par (Net 2 4) (Net 2 4)) (Net 8 1)", "(dense 2 4 ⊖ dense 2 4) ⦶ dense 8 1");
		VolrFile f = Volr.LANG.parse("Seq (Net 2 4) (Net 4 2)");
		Sequence seq = assertInstanceOf(Sequence.class, f.getMain());
		Dense first = assertInstanceOf(Dense.class, seq.getSteps().get(0));
		assertEquals(2, first.getInputs());
		assertEquals(4, first.getUnits());
		assertTrue(first.isSetInputs());
		Let let = assertInstanceOf(Let.class, Volr.LANG.parse("Let x = Net 2 2 in Ref x").getMain());
		assertEquals("x", let.getName());
		NetRef ref = assertInstanceOf(NetRef.class, let.getBody());
		assertEquals(let, ref.getTarget());
	}

	@Test
	void asciiAndUnicodeOperatorsGiveEqualModels() {
		assertSameModel("dense 2 4 >> dense 4 2", "dense 2 4 ⦶ dense 4 2");
		assertSameModel("dense 2 4 | dense 2 4", "dense 2 4 ⊖ dense 2 4");
		assertSameModel("dense 100 20 >> (dense 20 10 | dense 20 10) >> dense 20 10",
				"dense 100 20 ⦶ (dense 20 10 ⊖ dense 20 10) ⦶ dense 20 10");
		assertSameModel("let a = dense 1 1 in (a | a) >> dense 2 1", "let a = dense 1 1 in (a ⊖ a) ⦶ dense 2 1");
		// and the comparison can fail:
		assertNotEquals(Volr.dump(Volr.LANG.parse("dense 2 4 >> dense 4 2")), Volr.dump(Volr.LANG.parse("dense 2 4 | dense 4 2")));
	}

	@Test
	void parallelBindsTighterThanSequence() {
		String lets = "let a = dense 2 2 in let b = dense 2 2 in let c = dense 4 1 in ";
		Sequence seq = assertInstanceOf(Sequence.class, body(lets + "a | b >> c"));
		assertEquals(2, seq.getSteps().size());
		Parallel par = assertInstanceOf(Parallel.class, seq.getSteps().get(0));
		assertEquals(List.of("a", "b"), par.getBranches().stream().map(b -> ((NetRef) b).getTarget().getName()).toList());
		assertEquals("c", ((NetRef) seq.getSteps().get(1)).getTarget().getName());
		// the same with the thesis' symbols and with '+'
		assertSameModel(lets + "a | b >> c", lets + "a ⊖ b ⦶ c");
		assertSameModel(lets + "a | b >> c", lets + "(a | b) >> c");
		Sequence withAdd = assertInstanceOf(Sequence.class, body(lets + "a + b >> c"));
		assertInstanceOf(Add.class, withAdd.getSteps().get(0));
		// parentheses override
		Parallel p = assertInstanceOf(Parallel.class, body(lets + "a | (b >> c)"));
		assertInstanceOf(Sequence.class, p.getBranches().get(1));
		// sequences and parallels are flat, not nested pairs
		assertEquals(3, assertInstanceOf(Sequence.class, body(lets + "a >> b >> c")).getSteps().size());
		assertEquals(3, assertInstanceOf(Parallel.class, body(lets + "a | b | c")).getBranches().size());
	}

	private static Object body(String text) {
		Volr.Checked c = Volr.check(text);
		assertEquals(List.of(), c.syntaxErrors());
		Object e = c.model().getMain();
		while (e instanceof Let let)
			e = let.getBody();
		return e;
	}

	@Test
	void blockFormWithInput() {
		Volr.Checked c = Volr.check("""
				network lenet {
				    input [1, 28, 28]
				    conv2d(6, kernel: 5, padding: same) relu
				    avgpool 2
				    conv2d(16, kernel: [5, 5], stride: 1, dilation: 1) relu
				    maxpool(2, stride: 2)
				    flatten
				    dense 120 relu
				    dropout 0.5
				    batchnorm(epsilon: 0.001)
				    dense 10 softmax
				}
				""");
		c.expectClean();
		Network n = (Network) c.model().getElements().get(0);
		assertEquals("lenet", n.getName());
		assertEquals(List.of(1, 28, 28), n.getInput().getDims(), "all input dimensions, repeated ones too");
		Block block = assertInstanceOf(Block.class, n.getBody());
		assertEquals(9, block.getSteps().size());
		Conv conv = assertInstanceOf(Conv.class, block.getSteps().get(0));
		assertEquals(ConvKind.CONV2D, conv.getKind());
		assertEquals(6, conv.getFilters());
		assertEquals(List.of(5), conv.getKernel());
		assertEquals(Padding.SAME, conv.getPadding());
		assertEquals(Activation.RELU, conv.getActivation());
		Conv conv2 = (Conv) block.getSteps().get(2);
		assertEquals(List.of(5, 5), conv2.getKernel());
		Pool pool = (Pool) block.getSteps().get(3);
		assertEquals(PoolKind.MAX2D, pool.getKind());
		assertEquals(List.of(2), pool.getStride());
		assertEquals(Activation.SOFTMAX, ((Dense) block.getSteps().get(8)).getActivation());
		assertFalse(((Dense) block.getSteps().get(8)).isSetInputs());
	}

	@Test
	void repeatedValuesInListsAreKept() {
		VolrFile f = Volr.LANG.parse("network x { input [3, 3, 3] conv2d(2, kernel: [2, 2], stride: [1, 1], padding: [1, 1]) reshape [2, 4, 4] maxpool [2, 2] }");
		Network n = (Network) f.getElements().get(0);
		assertEquals(List.of(3, 3, 3), n.getInput().getDims());
		Conv conv = (Conv) ((Block) n.getBody()).getSteps().get(0);
		assertEquals(List.of(2, 2), conv.getKernel());
		assertEquals(List.of(1, 1), conv.getStride());
		assertEquals(List.of(1, 1), conv.getPadAmount());
		assertEquals(List.of(2, 4, 4), ((org.volr.model.Reshape) ((Block) n.getBody()).getSteps().get(1)).getShape());
		assertEquals(List.of(2, 2), ((Pool) ((Block) n.getBody()).getSteps().get(2)).getSize());
	}

	@Test
	void networkWithDeclaredInputInCalculusForm() {
		Volr.Checked c = Volr.check("network n (input [4]) = dense 8 relu >> dense 2");
		c.expectClean();
		Network n = (Network) c.model().getElements().get(0);
		assertEquals(List.of(4), n.getInput().getDims());
		assertEquals("net 4 2", String.valueOf(ShapeInference.of(c.model()).typeOf(n)));
	}

	static final String FULL_EXPERIMENT = """
			network net {
			    input [1, 28, 28]
			    flatten
			    dense 10 softmax
			}

			experiment full {
			    network net
			    data idx "test.idx" test limit 100 scale 0.5 channels_first
			    weights keras "w.h5"
			    convert { normalize percentile 99.5, channelwise, reset zero, samples 200 }
			    neuron CubaLIF { tau_m 20 ms, v_thresh 1, tau_syn_E 5 ms, tau_syn_I 5 ms, v_rest 0 mV }
			    simulate { duration 100 ms, dt 0.5 ms, input poisson 1000 Hz, batch 32 }
			    targets nir, pynn(backend: nest), brian2(standalone), spinnaker(neurons_per_core: 64), lava(bits: "8")
			    seed 42
			}
			""";

	@Test
	void experimentWithEveryClause() throws Exception {
		Volr.Checked c = checkWithFiles(FULL_EXPERIMENT, "test.idx", "w.h5");
		c.expectClean();
		Experiment e = (Experiment) c.model().getElements().get(1);
		assertEquals("full", e.getName());
		assertEquals("net", e.getNetwork().getName());
		assertEquals(DataFormat.IDX, e.getData().getFormat());
		assertEquals("test.idx", e.getData().getPath());
		assertEquals(Split.TEST, e.getData().getSplit());
		assertEquals(100, e.getData().getLimit());
		assertEquals(0.5, e.getData().getScale());
		assertEquals(ChannelOrder.CHANNELS_FIRST, e.getData().getChannelOrder());
		ImportedWeights w = assertInstanceOf(ImportedWeights.class, e.getWeights());
		assertEquals(WeightFormat.KERAS, w.getFormat());
		assertEquals("w.h5", w.getPath());
		assertEquals(Normalization.PERCENTILE, e.getConversion().getNormalization());
		assertEquals(99.5, e.getConversion().getPercentile());
		assertTrue(e.getConversion().isChannelwise());
		assertEquals(ResetMode.ZERO, e.getConversion().getReset());
		assertEquals(200, e.getConversion().getSamples());
		assertEquals("CubaLIF", e.getNeuron().getKind());
		assertEquals(List.of("tau_m", "v_thresh", "tau_syn_E", "tau_syn_I", "v_rest"),
				e.getNeuron().getParams().stream().map(p -> p.getName()).toList());
		assertEquals("ms", e.getNeuron().getParams().get(0).getValue().getUnit());
		assertNull(e.getNeuron().getParams().get(1).getValue().getUnit());
		assertEquals(100.0, e.getSimulation().getDuration().getValue());
		assertEquals(0.5, e.getSimulation().getDt().getValue());
		assertEquals(EncodingKind.POISSON, e.getSimulation().getInput().getKind());
		assertEquals("Hz", e.getSimulation().getInput().getRate().getUnit());
		assertEquals(32, e.getSimulation().getBatch());
		assertEquals(List.of("nir", "pynn", "brian2", "spinnaker", "lava"), e.getTargets().stream().map(t -> t.getName()).toList());
		assertEquals("backend", e.getTargets().get(1).getOptions().get(0).getKey());
		assertEquals("nest", e.getTargets().get(1).getOptions().get(0).getValue());
		assertNull(e.getTargets().get(2).getOptions().get(0).getValue());
		assertEquals("64", e.getTargets().get(3).getOptions().get(0).getValue());
		assertEquals("8", e.getTargets().get(4).getOptions().get(0).getValue(), "a quoted value loses its quotes");
		assertEquals(42L, e.getSeed());
	}

	@Test
	void experimentClausesComeInAnyOrder() throws Exception {
		String reordered = """
				network net {
				    input [1, 28, 28]
				    flatten
				    dense 10 softmax
				}

				experiment full {
				    seed 42
				    targets nir, pynn(backend: nest), brian2(standalone), spinnaker(neurons_per_core: 64), lava(bits: "8")
				    simulate { duration 100 ms, dt 0.5 ms, input poisson 1000 Hz, batch 32 }
				    neuron CubaLIF { tau_m 20 ms, v_thresh 1, tau_syn_E 5 ms, tau_syn_I 5 ms, v_rest 0 mV }
				    convert { normalize percentile 99.5, channelwise, reset zero, samples 200 }
				    weights keras "w.h5"
				    data idx "test.idx" test limit 100 scale 0.5 channels_first
				    network net
				}
				""";
		assertEquals(Volr.dump(Volr.LANG.parse(FULL_EXPERIMENT)), Volr.dump(Volr.LANG.parse(reordered)));
		// data options in any order too
		assertEquals(Volr.dump(Volr.LANG.parse("experiment e { data npz \"d.npz\" limit 3 train }")),
				Volr.dump(Volr.LANG.parse("experiment e { data npz \"d.npz\" train limit 3 }")));
	}

	@ParameterizedTest
	@CsvSource({ "keras, KERAS", "onnx, ONNX", "nir, NIR", "npz, NPZ" })
	void weightFormats(String keyword, WeightFormat format) throws Exception {
		Volr.Checked c = checkWithFiles("network n = dense 2 2\nexperiment e { network n weights " + keyword + " \"w.bin\" }", "w.bin");
		c.expectClean();
		ImportedWeights w = assertInstanceOf(ImportedWeights.class, ((Experiment) c.model().getElements().get(1)).getWeights());
		assertEquals(format, w.getFormat());
	}

	@Test
	void trainingBlock() throws Exception {
		Volr.Checked c = checkWithFiles("""
				network n = dense 2 2
				experiment e {
				    network n
				    train { epochs 5, batch 128, optimizer adam 0.01, seed 7, data npz "train.npz" train }
				    data npz "test.npz" test
				}
				""", "train.npz", "test.npz");
		c.expectClean();
		Training t = assertInstanceOf(Training.class, ((Experiment) c.model().getElements().get(1)).getWeights());
		assertEquals(5, t.getEpochs());
		assertEquals(128, t.getBatch());
		assertEquals(Optimizer.ADAM, t.getOptimizer());
		assertEquals(0.01, t.getLearningRate());
		assertEquals(7L, t.getSeed());
		assertEquals(Split.TRAIN, t.getData().getSplit());
		Training sgd = (Training) ((Experiment) Volr.LANG.parse("experiment e { train { optimizer sgd, learning_rate 0.1 } }")
				.getElements().get(0)).getWeights();
		assertEquals(Optimizer.SGD, sgd.getOptimizer());
		assertEquals(0.1, sgd.getLearningRate());
		Training empty = (Training) ((Experiment) Volr.LANG.parse("experiment e { train { } }").getElements().get(0)).getWeights();
		assertFalse(empty.isSetEpochs());
		assertFalse(t.isSetSchedule(), "no schedule written: the trainers' constant rate");
		Training cosine = (Training) ((Experiment) Volr.LANG.parse("experiment e { train { epochs 4, schedule cosine } }")
				.getElements().get(0)).getWeights();
		assertEquals(org.volr.model.LearningRateSchedule.COSINE, cosine.getSchedule());
	}

	@ParameterizedTest
	@CsvSource({ "IF, v_thresh 1", "LIF, tau_m 10 ms", "CubaLIF, 'tau_syn_E 2 ms, tau_syn_I 2 ms'", "CobaLIF, 'e_rev_E 3, e_rev_I -0.5'" })
	void neuronModels(String keyword, String parameter) {
		Volr.Checked c = Volr.check("network n = dense 2 2\nexperiment e { network n train { } data idx \"x\" neuron " + keyword
				+ " { " + parameter + " } }");
		c.expectNoErrors();
		assertEquals(keyword, ((Experiment) c.model().getElements().get(1)).getNeuron().getKind());
		// the parameter block is optional
		Volr.Checked bare = Volr.check("experiment e { neuron " + keyword + " }");
		assertEquals(List.of(), bare.syntaxErrors());
	}

	@Test
	void conversionAndSimulationVariants() {
		Experiment e = (Experiment) Volr.LANG.parse("""
				experiment e {
				    convert { normalize max, reset modulo }
				    simulate { duration 500 steps, input constant }
				}
				""").getElements().get(0);
		assertEquals(Normalization.MAX, e.getConversion().getNormalization());
		assertEquals(ResetMode.MODULO, e.getConversion().getReset());
		assertEquals("steps", e.getSimulation().getDuration().getUnit());
		assertEquals(EncodingKind.CONSTANT, e.getSimulation().getInput().getKind());
		Experiment none = (Experiment) Volr.LANG.parse("experiment e { convert { normalize none } simulate { input events } }")
				.getElements().get(0);
		assertEquals(Normalization.NONE, none.getConversion().getNormalization());
		assertEquals(EncodingKind.EVENTS, none.getSimulation().getInput().getKind());
	}

	@Test
	void inisimSimulationOptions() {
		Experiment e = (Experiment) Volr.LANG.parse("experiment e {\n    simulate { bias_relaxation, payloads, clip [-3, 3], clip fc2 [-1, 2.5],"
				+ " clamp 4, clamp fc2 10, clamp c1 -2 }\n}\n").getElements().get(0);
		Simulation s = e.getSimulation();
		assertTrue(s.isBiasRelaxation());
		assertTrue(s.isPayloads());
		assertEquals(2, s.getClips().size());
		assertNull(s.getClips().get(0).getLayer());
		assertEquals(-3.0, s.getClips().get(0).getLow());
		assertEquals(3.0, s.getClips().get(0).getHigh());
		assertEquals("fc2", s.getClips().get(1).getLayer());
		assertEquals(2.5, s.getClips().get(1).getHigh());
		assertEquals(4, s.getClamp());
		assertEquals(List.of("fc2", "c1"), s.getLayerClamps().stream().map(LayerClamp::getLayer).toList());
		assertEquals(List.of(10, -2), s.getLayerClamps().stream().map(LayerClamp::getSteps).toList(),
				"negative steps parse, to be reported by the validator");
		Simulation none = ((Experiment) Volr.LANG.parse("experiment e { simulate { clamp 2 } }").getElements().get(0)).getSimulation();
		assertFalse(none.isBiasRelaxation() || none.isPayloads());
		assertTrue(none.getClips().isEmpty() && none.getLayerClamps().isEmpty());
	}

	@Test
	void numbers() {
		Experiment e = (Experiment) Volr.LANG.parse("experiment e { neuron LIF { v_reset -0.5, v_min -1e3, tau_m 2.5e1 ms } }")
				.getElements().get(0);
		assertEquals(-0.5, e.getNeuron().getParams().get(0).getValue().getValue());
		assertEquals(-1000.0, e.getNeuron().getParams().get(1).getValue().getValue());
		assertEquals(25.0, e.getNeuron().getParams().get(2).getValue().getValue());
	}

	@Test
	void syntaxErrorsAreReportedNotThrown() {
		Volr.Checked c = Volr.check("network x = dense 2 >>\n");
		assertFalse(c.syntaxErrors().isEmpty());
		assertFalse(c.errors().isEmpty());
		Volr.Checked d = Volr.check("experiment { }");
		assertFalse(d.errors().isEmpty());
	}

	/** "network x = { input [...] ... }" mixes the two forms; the message says where 'input' belongs. */
	@Test
	void misplacedInputIsExplained() {
		Volr.Checked c = Volr.check("network ok = dense 2 2\nnetwork   x={input [1 ,28,28] conv2d( 6,kernel:5 )relu flatten dense 10}");
		assertEquals(1, c.syntaxErrors().size(), c.diagnostics().toString());
		c.expectError(2, "'input' must come right after 'network <name> {'", "without '='", "(input [...]) =");
		Volr.check("network x {\n    dense 2 2\n    input [2]\n}").expectError(3, "'input' must come right after");
		// the two correct spellings
		Volr.check("network x { input [1, 28, 28] conv2d(6, kernel: 5) relu flatten dense 10 }").expectClean();
		Volr.check("network x (input [1, 28, 28]) = { conv2d(6, kernel: 5) relu flatten dense 10 }").expectClean();
	}

	static Volr.Checked checkWithFiles(String text, String... files) throws Exception {
		Path dir = Files.createTempDirectory(Volr.tempDir(), "exp");
		for (String f : files)
			Files.writeString(dir.resolve(f), "x");
		Path file = dir.resolve("experiment.volr");
		Files.writeString(file, text);
		return Volr.check(file);
	}

	static void assertSameModel(String a, String b) {
		Volr.Checked ca = Volr.check(a), cb = Volr.check(b);
		assertEquals(List.of(), ca.errors(), a);
		assertEquals(List.of(), cb.errors(), b);
		assertEquals(Volr.dump(cb.model()), Volr.dump(ca.model()), a + "  vs  " + b);
	}
}
