package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volr.model.Activation;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Experiment;
import org.volr.model.Flatten;
import org.volr.model.ImportedWeights;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Sequence;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;
import org.volr.model.WeightFormat;
import org.volr.model.shapes.ShapeInference;

/** The formatter (idempotent, model-preserving, comment-preserving, canonical layout) and the serializer. */
class FormatterTest {
	static final VolrFactory F = VolrFactory.eINSTANCE;

	static Stream<Path> examples() {
		return Volr.exampleFiles().stream();
	}

	static String format(String text) {
		Volr.Checked c = Volr.check(text);
		assertEquals(List.of(), c.syntaxErrors(), () -> "syntax errors in:\n" + text);
		String formatted = Volr.LANG.format(c.resource());
		assertNotNull(formatted);
		return formatted;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void formattingIsIdempotentAndKeepsTheModel(Path file) {
		String text = Volr.read(file);
		String once = format(text);
		String twice = format(once);
		assertEquals(once, twice, "format(format(x)) == format(x) for " + file);
		Volr.Checked original = Volr.check(text), formatted = Volr.check(once);
		assertEquals(Volr.dump(original.model()), Volr.dump(formatted.model()), "formatting changed the model of " + file);
		formatted.expectCleanAwayFromItsFiles();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void commentsSurviveFormatting(Path file) {
		String text = Volr.read(file);
		String formatted = format(text);
		List<String> before = comments(text), after = comments(formatted);
		assertEquals(before, after, "the comments of " + file + ", in order");
	}

	static List<String> comments(String text) {
		List<String> result = new ArrayList<>();
		Matcher m = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL).matcher(text);
		while (m.find())
			result.add(m.group().strip());
		return result;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void serializeThenParseGivesAnEqualModel(Path file) {
		Volr.Checked c = Volr.check(file);
		String serialized = Volr.LANG.serialize(c.model());
		Volr.Checked again = Volr.check(serialized);
		again.expectCleanAwayFromItsFiles();
		assertEquals(Volr.dump(c.model()), Volr.dump(again.model()), () -> "serialized " + file + ":\n" + serialized);
		// and the serializer lays out text the way the formatter does
		assertEquals(format(Volr.read(file)), format(serialized));
	}

	@Test
	void formattedExamplesAreAlreadyCanonical() {
		for (Path file : Volr.exampleFiles())
			assertEquals((Volr.read(file).strip() + "\n").replaceAll(" +//", " //"), format(Volr.read(file)),
					() -> file + " is not in canonical layout (ignoring comment alignment)") ;
	}

	@Test
	void messyBlockNetwork() {
		assertEquals("""
				network x {
				    input [1, 28, 28]
				    conv2d(6, kernel: 5) relu
				    flatten
				    dense 10
				}
				""", format("network   x{input [1 ,28,28] conv2d( 6,kernel:5 )relu flatten dense 10}"));
	}

	@Test
	void messyCalculus() {
		assertEquals("""
				network y = dense 2 4 >> (dense 4 2 | dense 4 2) >> dense 4 1

				network x(input [4]) = dense 2

				network z = let a = dense 2 2 in Seq (Ref a) (Par (a) (a + a))
				""", format("network y=dense 2 4>>(dense 4 2|dense 4 2)  >>dense 4 1   network x (input [4])=dense 2\n"
				+ "network z=let a=dense 2 2 in Seq(Ref a)( Par(a)(a+a) )"));
		assertEquals("dense 2 4 ⦶ (dense 4 2 ⊖ dense 4 2) ⦶ dense 4 1\n", format("dense 2 4⦶(dense 4 2⊖dense 4 2)⦶dense 4 1"));
	}

	@Test
	void messyExperiment() {
		assertEquals("""
				experiment e {
				    network x
				    data idx "a.idx" test limit 10
				    train { epochs 1, optimizer adam 0.01, data npz "b" }
				    convert { normalize percentile 99, channelwise }
				    neuron LIF { tau_m 20 ms, v_thresh 1 }
				    simulate { duration 100 ms, dt 1 ms, input poisson 100 Hz }
				    targets nir, pynn(backend: nest)
				    seed 3
				}
				""", format("experiment   e{network x data idx \"a.idx\"   test limit 10 train{epochs 1,optimizer adam 0.01,data npz \"b\"}"
				+ " convert{normalize percentile 99,channelwise} neuron LIF{tau_m 20   ms,v_thresh 1}"
				+ " simulate{duration 100  ms , dt 1 ms,input poisson 100 Hz} targets nir , pynn( backend : nest ) seed 3}"));
	}

	@Test
	void inisimSimulationOptions() {
		assertEquals("experiment e {\n    simulate { clip [-3, 3], clip fc2 [-1, 2], clamp fc2 10, bias_relaxation, payloads }\n}\n",
				format("experiment e{simulate{clip[ -3,3 ] ,clip fc2 [-1 ,2],clamp  fc2   10,bias_relaxation,payloads}}"));
	}

	@Test
	void messyBranchesAndCommentsInABlock() {
		assertEquals("""
				network w {
				    input [4]
				    // c1
				    dense 2 // c2
				    /* c3 */
				    dense 2
				    {
				        dense 2 relu
				        dense 2
				    } | { reshape [2, 1] } | { identity }
				}
				""", format("network w{input[4]\n    // c1\ndense 2    // c2\n   /* c3 */ dense 2 {dense 2 relu dense 2}|{ reshape[ 2,1 ]}|{\n identity\n}\n}"));
	}

	@Test
	void formatReturnsNullForSyntaxErrorsOnly() {
		Volr.Checked c = Volr.check("network x = dense 2 >>");
		assertNull(Volr.LANG.format(c.resource()));
		// an unknown name or a type error is no reason not to format
		Volr.Checked typo = Volr.check("network   x=dense 2 3>>nope  >> dense 4 1");
		assertEquals(1, typo.errors().size(), typo.diagnostics().toString());
		assertEquals("network x = dense 2 3 >> nope >> dense 4 1\n", Volr.LANG.format(typo.resource()));
	}

	@Test
	void serializeModelBuiltInCode() {
		VolrFile file = F.createVolrFile();
		Network lenet = F.createNetwork();
		lenet.setName("built");
		Shape input = F.createShape();
		input.getDims().addAll(List.of(1, 28, 28));
		lenet.setInput(input);
		Block block = F.createBlock();
		Conv conv = F.createConv();
		conv.setKind(ConvKind.CONV2D);
		conv.setFilters(6);
		conv.getKernel().add(5);
		conv.setPadding(Padding.SAME);
		conv.setActivation(Activation.RELU);
		Pool pool = F.createPool();
		pool.setKind(PoolKind.AVG2D);
		pool.getSize().add(2);
		Conv conv2 = F.createConv();
		conv2.setKind(ConvKind.CONV2D);
		conv2.setFilters(16);
		conv2.getKernel().add(5);
		conv2.getStride().add(2);
		Flatten flatten = F.createFlatten();
		Dense dense = F.createDense();
		dense.setUnits(10);
		dense.setActivation(Activation.SOFTMAX);
		block.getSteps().addAll(List.of(conv, pool, conv2, flatten, dense));
		lenet.setBody(block);
		file.getElements().add(lenet);

		Network calculus = F.createNetwork();
		calculus.setName("calc");
		Sequence seq = F.createSequence();
		Dense d1 = F.createDense();
		d1.setInputs(2);
		d1.setUnits(4);
		Parallel par = F.createParallel();
		NetRef r1 = F.createNetRef(), r2 = F.createNetRef();
		Network small = F.createNetwork();
		small.setName("small");
		Dense d2 = F.createDense();
		d2.setInputs(4);
		d2.setUnits(2);
		small.setBody(d2);
		r1.setTarget(small);
		r2.setTarget(small);
		par.getBranches().addAll(List.of(r1, r2));
		seq.getSteps().addAll(List.of(d1, par));
		calculus.setBody(seq);
		file.getElements().add(small);
		file.getElements().add(calculus);

		Experiment e = F.createExperiment();
		e.setName("run");
		e.setNetwork(lenet);
		ImportedWeights w = F.createImportedWeights();
		w.setFormat(WeightFormat.ONNX);
		w.setPath("lenet.onnx");
		e.setWeights(w);
		e.setSeed(7);
		file.getElements().add(e);

		String text = Volr.LANG.serializeDetached(file);
		assertEquals("""
				network built {
				    input [1, 28, 28]
				    conv2d(6, kernel: 5, padding: same) relu
				    avgpool 2
				    conv2d(16, kernel: 5, stride: 2)
				    flatten
				    dense 10 softmax
				}

				network small = dense 4 2

				network calc = dense 2 4 >> small | small

				experiment run {
				    network built
				    weights onnx "lenet.onnx"
				    seed 7
				}""", text.strip());
		Volr.Checked parsed = Volr.check(text);
		assertEquals(List.of(), parsed.errors(), text);
		assertEquals(Volr.dump(file), Volr.dump(parsed.model()));
		assertEquals("net [1, 28, 28] 10", ShapeInference.of(parsed.model()).typeOf((Network) parsed.model().getElements().get(0)).toString());
		assertEquals("net 2 4", ShapeInference.of(parsed.model()).typeOf((Network) parsed.model().getElements().get(2)).toString());
	}

	/**
	 * Lists of convolution and pooling arguments come back equal. (The serializer writes kernel [3, 5] as
	 * "kernel: 3, kernel: 5", which the grammar accepts and parses to the same list; reordering the alternatives of the
	 * grammar only made it write "kernel: [3], kernel: [5]".)
	 */
	@Test
	void serializeListValuedArguments() {
		VolrFile file = F.createVolrFile();
		Network n = F.createNetwork();
		n.setName("lists");
		Shape input = F.createShape();
		input.getDims().addAll(List.of(3, 9, 9));
		n.setInput(input);
		Block block = F.createBlock();
		Conv conv = F.createConv();
		conv.setKind(ConvKind.CONV2D);
		conv.setFilters(4);
		conv.getKernel().addAll(List.of(3, 5));
		conv.getStride().addAll(List.of(2, 2));
		conv.getDilation().addAll(List.of(1, 1));
		conv.getPadAmount().addAll(List.of(1, 2));
		Pool pool = F.createPool();
		pool.setKind(PoolKind.MAX2D);
		pool.getSize().addAll(List.of(2, 2));
		pool.getStride().addAll(List.of(1, 1));
		block.getSteps().addAll(List.of(conv, pool));
		n.setBody(block);
		file.getElements().add(n);
		String text = Volr.LANG.serializeDetached(file);
		Volr.Checked parsed = Volr.check(text);
		parsed.expectClean();
		assertEquals(Volr.dump(file), Volr.dump(parsed.model()), text);
		assertEquals("net [3, 9, 9] [4, 4, 4]", ShapeInference.of(parsed.model()).typeOf((Network) parsed.model().getElements().get(0)).toString());
		assertTrue(text.contains("maxpool([2, 2]"), text);
	}

	@Test
	void serializedPrecedenceNeedsParentheses() {
		// a sequence inside a parallel must come back as a parallel, not as a sequence
		VolrFile file = F.createVolrFile();
		Parallel par = F.createParallel();
		for (int i = 0; i < 2; i++) {
			Sequence s = F.createSequence();
			Dense a = F.createDense();
			a.setInputs(2);
			a.setUnits(3);
			Dense b = F.createDense();
			b.setInputs(3);
			b.setUnits(1);
			s.getSteps().addAll(List.of(a, b));
			par.getBranches().add(s);
		}
		file.setMain(par);
		String text = Volr.LANG.serializeDetached(file);
		Volr.Checked parsed = Volr.check(text);
		parsed.expectClean();
		assertEquals(Volr.dump(file), Volr.dump(parsed.model()), text);
		assertEquals("net 2 2", ShapeInference.of(parsed.model()).typeOf(parsed.model().getMain()).toString());
		assertTrue(text.contains("("), text);
	}
}
