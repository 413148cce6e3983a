package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.junit.jupiter.api.Test;
import org.volr.lang.ide.VolrIdeSetup;
import org.volr.lang.ide.services.Highlighting;
import org.volr.model.units.Dimension;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The VS Code extension's TextMate grammar (editors/vscode/syntaxes) colours the text before the server's semantic
 * tokens arrive; it keeps up with the language: every word keyword of Volr.xtext, the layer kinds the editor
 * colours as layers, and every unit of a quantity.
 */
class TextMateGrammarTest {
	private static final JsonObject REPOSITORY = repository();

	private static JsonObject repository() {
		try {
			return JsonParser.parseString(Files.readString(Path.of("../../editors/vscode/syntaxes/volr.tmLanguage.json"))).getAsJsonObject()
					.getAsJsonObject("repository");
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static Pattern pattern(String name) {
		return Pattern.compile(REPOSITORY.getAsJsonObject(name).get("match").getAsString());
	}

	private static boolean matchesWhole(Pattern p, String text) {
		Matcher m = p.matcher(text);
		return m.find() && m.start() == 0 && m.end() == text.length();
	}

	@Test
	void everyWordKeywordIsColoured() {
		IGrammarAccess grammar = new VolrIdeSetup().createInjectorAndDoEMFRegistration().getInstance(IGrammarAccess.class);
		Set<String> words = new TreeSet<>();
		for (Keyword k : EcoreUtil2.getAllContentsOfType(grammar.getGrammar(), Keyword.class))
			if (!(GrammarUtil.containingRule(k) instanceof TerminalRule) && k.getValue().matches("[A-Za-z_][A-Za-z_0-9]*"))
				words.add(k.getValue());
		assertTrue(words.containsAll(List.of("network", "dense", "softmax", "neuron")), words.toString());
		List<Pattern> coloured = List.of(pattern("layers"), pattern("activations"), pattern("constants"), pattern("keywords"));
		List<String> missing = words.stream().filter(w -> coloured.stream().noneMatch(p -> matchesWhole(p, w))).toList();
		assertEquals(List.of(), missing, "keywords the TextMate grammar does not colour");
	}

	@Test
	void layerKindsAreTheEditorsLayerKinds() {
		Pattern layers = pattern("layers");
		for (String kind : Highlighting.LAYER_KINDS)
			assertTrue(matchesWhole(layers, kind), kind);
		for (String other : List.of("relu", "network", "kernel", "dense2"))
			assertTrue(!matchesWhole(layers, other), other);
	}

	@Test
	void everyUnitIsPartOfAQuantity() {
		Pattern quantities = pattern("quantities");
		for (Dimension d : Dimension.values())
			for (String unit : d.units()) {
				Matcher m = quantities.matcher("tau_m 20 " + unit);
				assertTrue(m.find() && unit.equals(m.group(2)) && "20".equals(m.group(1)), unit);
			}
		assertTrue(!quantities.matcher("dense 10 relu").find(), "an activation is no unit");
	}

	@Test
	void aLabelIsOnlyALayersLabel() {
		Pattern labels = pattern("labels");
		Matcher m = labels.matcher("fc1: dense 500 relu");
		assertTrue(m.find() && m.group(1).equals("fc1"));
		assertTrue(!labels.matcher("conv2d(6, kernel: 5)").find(), "an option is no label");
	}
}
