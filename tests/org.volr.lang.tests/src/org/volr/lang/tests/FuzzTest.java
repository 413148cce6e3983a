package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Element;
import org.volr.model.Network;
import org.volr.model.VolrFile;
import org.volr.model.shapes.ShapeInference;

/**
 * Robustness: mutants of every example (tokens deleted, duplicated, swapped, inserted; text truncated) must never
 * make parsing, checking, shape inference, formatting or serializing throw. Deterministic (seeded).
 */
class FuzzTest {
	static final long SEED = 20190601L;

	static final String[] POOL = { "network", "experiment", "input", "dense", "Net", "Seq", "Par", "Ref", "let", "Let", "in",
			"conv2d", "conv1d", "depthwise_conv2d", "kernel", "stride", "dilation", "multiplier", "padding", "same", "valid",
			"maxpool", "avgpool", "maxpool1d", "avgpool1d", "globalavgpool", "globalmaxpool", "flatten", "reshape", "batchnorm",
			"epsilon", "dropout", "activation", "identity", "relu", "linear", "softmax", "sigmoid", "tanh", "data", "idx", "npz",
			"weights", "keras", "onnx", "nir", "train", "epochs", "batch", "optimizer", "adam", "sgd", "learning_rate", "seed",
			"convert", "normalize", "percentile", "channelwise", "reset", "samples", "neuron", "IF", "LIF", "CubaLIF", "tau_m",
			"v_thresh", "simulate", "duration", "dt", "poisson", "constant", "events", "targets", "pynn", "backend", "ms", "Hz",
			"mV", "steps", "limit", "scale", "test", "channels_first", "0", "1", "2", "3", "10", "28", "-1", "0.5", "1e3",
			"99999999999", "(", ")", "[", "]", "{", "}", ",", ":", "=", ">>", "|", "+", "-", "⦶", "⊖", "\"x.idx\"", "\"\"", "x",
			"a", "lenet5", "\n", "//", "/*", "*/", "fc1:" };

	static final Pattern TOKEN = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"[^\"\\n]*\"|[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
			+ "|[A-Za-z_][A-Za-z_0-9]*|>>|\\n|\\S", Pattern.DOTALL);

	static List<String> tokens(String text) {
		List<String> result = new ArrayList<>();
		Matcher m = TOKEN.matcher(text);
		while (m.find())
			result.add(m.group());
		return result;
	}

	static String join(List<String> tokens) {
		StringBuilder b = new StringBuilder();
		for (String t : tokens) {
			if (b.length() > 0 && b.charAt(b.length() - 1) != '\n' && !t.equals("\n"))
				b.append(' ');
			b.append(t);
		}
		return b.toString();
	}

	static String mutate(String text, Random random) {
		List<String> tokens = tokens(text);
		int n = 1 + random.nextInt(3);
		boolean truncated = false;
		for (int i = 0; i < n && !tokens.isEmpty(); i++) {
			int at = random.nextInt(tokens.size());
			switch (random.nextInt(5)) {
			case 0 -> tokens.remove(at);
			case 1 -> tokens.add(at, tokens.get(at));
			case 2 -> {
				if (at + 1 < tokens.size())
					tokens.add(at + 1, tokens.remove(at));
			}
			case 3 -> tokens.add(at, POOL[random.nextInt(POOL.length)]);
			default -> truncated = true;
			}
		}
		String result = join(tokens);
		if (truncated && !result.isEmpty())
			result = result.substring(0, random.nextInt(result.length()));
		return result;
	}

	@Test
	void mutantsNeverThrow() {
		int total = Integer.getInteger("volr.fuzz.mutations", 3000);
		List<String> seeds = new ArrayList<>();
		for (Path p : Volr.exampleFiles())
			seeds.add(Volr.read(p));
		seeds.add(ParserTest.FULL_EXPERIMENT);
		seeds.add("network x { input [3, 32, 32] fc1: conv2d(8, kernel: [3, 3], stride: 2, dilation: 1, padding: [1, 1]) relu "
				+ "depthwise_conv2d(kernel: 3, multiplier: 2) batchnorm(epsilon: 0.001) dropout 0.2 maxpool(2, stride: 2, padding: same) "
				+ "{ identity } + { activation relu } reshape [16, 8, 8] globalmaxpool }\n"
				+ "experiment t { network x train { epochs 2, batch 8, optimizer sgd 0.1, learning_rate 0.1, seed 1, data npz \"t.npz\" } "
				+ "data json \"d.json\" train limit 5 scale 2 channels_last convert { normalize max, reset modulo, samples 3 } "
				+ "neuron IF { v_thresh 1 } simulate { input constant, duration 10 steps, batch 1 } targets lava(bits: 8), brian2(runtime) }");
		long seed = Long.getLong("volr.fuzz.seed", SEED);
		Random random = new Random(seed);
		Path file = Volr.tempDir().resolve("fuzz.volr");
		long start = System.nanoTime();
		int run = 0, withSyntaxErrors = 0, formatted = 0, serialized = 0;
		for (int i = 0; i < total; i++) {
			String mutant = mutate(seeds.get(i % seeds.size()), random);
			try {
				VolrLanguage.Workspace ws = Volr.LANG.workspace();
				XtextResource r = ws.add(file, mutant);
				ws.check();
				VolrFile model = ws.model(file);
				if (model != null) {
					ShapeInference inference = ShapeInference.of(model);
					inference.totalParameters(model);
					for (Element e : model.getElements())
						if (e instanceof Network n) {
							ShapeInference.of(n).typeOf(n);
							for (EObject o : (Iterable<EObject>) () -> n.eAllContents())
								inference.typeOf(o);
						}
				}
				if (r.getParseResult().hasSyntaxErrors()) {
					withSyntaxErrors++;
				} else {
					String dump = Volr.dump(model);
					String text = Volr.LANG.format(r);
					if (text == null)
						fail("format returned null for a mutant without syntax errors");
					formatted++;
					// formatting a well-formed text keeps it well-formed and keeps its model
					VolrLanguage.Workspace ws2 = Volr.LANG.workspace();
					XtextResource r2 = ws2.add(file, text);
					if (!dump.equals(Volr.dump(ws2.model(file))))
						fail("formatting changed the model; formatted text:\n" + text);
					String twice = Volr.LANG.format(r2);
					if (!text.equals(twice))
						fail("formatting is not idempotent; once:\n" + text + "\ntwice:\n" + twice);
					String s = Volr.LANG.serialize(model);
					if (!dump.equals(Volr.dump(Volr.LANG.parse(s))))
						fail("serializing changed the model; serialized text:\n" + s);
					serialized++;
				}
			} catch (Throwable t) {
				AssertionError e = new AssertionError("mutant " + i + " threw " + t + "; the mutated text:\n" + mutant, t);
				fail(e);
			}
			run++;
		}
		long ms = (System.nanoTime() - start) / 1_000_000;
		System.out.println("FuzzTest: " + run + " mutants (random seed " + seed + ") of " + seeds.size() + " texts in " + ms + " ms (" + withSyntaxErrors
				+ " with syntax errors, " + formatted + " formatted, " + serialized + " serialized)");
		assertTrue(run == total);
		assertTrue(total < 100 || withSyntaxErrors > 0 && formatted > 0, "the mutants should cover both broken and well-formed text");
	}
}
