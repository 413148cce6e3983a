package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic tokens, decoded with the legend the server advertises in its capabilities, as a client decodes them:
 * networks, layers, neuron models and numbers with their units get the types a colour theme knows.
 */
class SemanticTokensTest {
	@TempDir
	Path workspace;

	private static final String TEXT = """
			// the thesis' XOR
			network xor = dense 2 4 >> dense 4 2 linear
			network deep {
			    input [2]
			    hidden: dense 8 relu
			    xor
			}
			/* two
			   lines */
			experiment e {
			    network deep
			    neuron LIF { tau_m 20 ms }
			}
			""";

	/** One decoded token: its text, type and modifiers by name. */
	private record Token(String text, String type, List<String> modifiers) {
	}

	@Test
	void tokensAreTypedByTheAdvertisedLegend() throws Exception {
		List<Token> tokens;
		try (LspSession session = new LspSession(workspace)) {
			SemanticTokensLegend legend = session.initialized.getCapabilities().getSemanticTokensProvider().getLegend();
			String uri = session.open("x.volr", TEXT);
			SemanticTokens answer = session.server().getTextDocumentService().semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri)))
					.get(30, TimeUnit.SECONDS);
			assertFalse(answer.getData().isEmpty(), "no tokens");
			tokens = decode(answer.getData(), legend);
		}
		assertTrue(tokens.contains(new Token("network", "keyword", List.of())), tokens.toString());
		assertEquals(new Token("xor", "class", List.of("declaration")), find(tokens, "xor", 0));
		assertEquals(new Token("xor", "class", List.of()), find(tokens, "xor", 1), "a reference to a network");
		assertEquals(new Token("dense", "function", List.of()), find(tokens, "dense", 0));
		assertEquals(new Token("2", "number", List.of()), find(tokens, "2", 0));
		assertEquals(new Token("hidden", "variable", List.of("declaration")), find(tokens, "hidden", 0));
		assertEquals(new Token("deep", "class", List.of()), find(tokens, "deep", 1));
		assertEquals(new Token("e", "event", List.of("declaration")), find(tokens, "e", 0));
		assertEquals(new Token("LIF", "type", List.of()), find(tokens, "LIF", 0));
		assertEquals(new Token("tau_m", "property", List.of()), find(tokens, "tau_m", 0));
		assertEquals(new Token("20", "number", List.of()), find(tokens, "20", 0));
		assertEquals(new Token("ms", "number", List.of()), find(tokens, "ms", 0));
		assertEquals(new Token("// the thesis' XOR", "comment", List.of()), tokens.get(0));
		// a block comment over two lines is a token on each
		assertTrue(tokens.contains(new Token("/* two", "comment", List.of())), tokens.toString());
		assertTrue(tokens.contains(new Token("   lines */", "comment", List.of())), tokens.toString());
	}

	/** The {@code nth} token with the given text. */
	private static Token find(List<Token> tokens, String text, int nth) {
		return tokens.stream().filter(t -> t.text().equals(text)).skip(nth).findFirst().orElseThrow(() -> new AssertionError("no token " + text + " #" + nth + " in " + tokens));
	}

	/** The protocol's encoding: per token, line delta, start delta (on the same line), length, type index, modifier bits. */
	private static List<Token> decode(List<Integer> data, SemanticTokensLegend legend) {
		String[] lines = TEXT.split("\n", -1);
		List<Token> tokens = new ArrayList<>();
		int line = 0, start = 0;
		for (int i = 0; i < data.size(); i += 5) {
			int deltaLine = data.get(i);
			line += deltaLine;
			start = deltaLine == 0 ? start + data.get(i + 1) : data.get(i + 1);
			String text = lines[line].substring(start, start + data.get(i + 2));
			List<String> modifiers = new ArrayList<>();
			for (int bit = 0; bit < legend.getTokenModifiers().size(); bit++)
				if ((data.get(i + 4) & (1 << bit)) != 0)
					modifiers.add(legend.getTokenModifiers().get(bit));
			tokens.add(new Token(text, legend.getTokenTypes().get(data.get(i + 3)), modifiers));
		}
		return tokens;
	}
}
