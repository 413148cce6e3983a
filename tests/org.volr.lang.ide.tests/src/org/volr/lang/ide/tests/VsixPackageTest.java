package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The .vsix the build packages (editors/vscode, `npm run package`) is what `code --install-extension` installs: this
 * test opens it as VS Code would and checks that the installed extension finds its manifest, every file it loads (the
 * very files of the repository), and the runtime libraries package-lock.json pins, without the build's own tools.
 */
class VsixPackageTest {
	private static final Path EXTENSION = Path.of("../../editors/vscode");

	@Test
	void theVsixHoldsTheExtensionItsGrammarAndItsRuntimeLibraries() throws IOException {
		JsonObject packageJson = json(Files.readString(EXTENSION.resolve("package.json")));
		String version = packageJson.get("version").getAsString();
		Path vsix = EXTENSION.resolve("target/volr-" + version + ".vsix");
		assertTrue(Files.isRegularFile(vsix), vsix + " is missing: the build of editors/vscode (./build.sh, or the Maven build with editors/vscode) packages it");
		try (ZipFile zip = new ZipFile(vsix.toFile())) {
			String manifest = text(zip, "extension.vsixmanifest");
			assertTrue(manifest.contains("Id=\"volr\"") && manifest.contains("Publisher=\"volr-studio\"") && manifest.contains("Version=\"" + version + "\""),
					manifest);
			assertTrue(manifest.contains("Value=\"" + packageJson.getAsJsonObject("engines").get("vscode").getAsString() + "\""), "the VS Code engine: " + manifest);
			assertTrue(zip.getEntry("[Content_Types].xml") != null, "no [Content_Types].xml: VS Code refuses the package");

			JsonObject packed = json(text(zip, "extension/package.json"));
			assertEquals(packageJson.get("contributes"), packed.get("contributes"), "the language, grammar and setting as the repository declares them");
			assertEquals(packageJson.get("main"), packed.get("main"));
			for (String file : List.of("extension.js", "server.js", "language-configuration.json", "syntaxes/volr.tmLanguage.json"))
				assertArrayEquals(Files.readAllBytes(EXTENSION.resolve(file)), bytes(zip, "extension/" + file), file + " differs from the repository's");

			// every runtime library the lock file pins is in the package at its version; the build's tools (vsce) are not
			JsonObject locked = json(Files.readString(EXTENSION.resolve("package-lock.json"))).getAsJsonObject("packages");
			int runtime = 0;
			for (Map.Entry<String, com.google.gson.JsonElement> e : locked.entrySet()) {
				if (e.getKey().isEmpty())
					continue;
				JsonObject pkg = e.getValue().getAsJsonObject();
				ZipEntry packedPackage = zip.getEntry("extension/" + e.getKey() + "/package.json");
				if (pkg.has("dev") && pkg.get("dev").getAsBoolean()) {
					assertTrue(packedPackage == null, e.getKey() + " is a build tool, not for the installed extension");
				} else {
					runtime++;
					assertTrue(packedPackage != null, e.getKey() + " (a runtime dependency) is not in the package");
					assertEquals(pkg.get("version"), json(text(zip, packedPackage.getName())).get("version"), e.getKey());
				}
			}
			assertTrue(runtime >= 1 && zip.getEntry("extension/node_modules/vscode-languageclient/package.json") != null, "vscode-languageclient is packaged");
			assertTrue(zip.stream().noneMatch(z -> z.getName().startsWith("extension/test/") || z.getName().startsWith("extension/target/")
					|| z.getName().equals("extension/pom.xml")), "the tests and the build's files stay out of the package");
		}
	}

	private static JsonObject json(String text) {
		return JsonParser.parseString(text).getAsJsonObject();
	}

	private static byte[] bytes(ZipFile zip, String name) throws IOException {
		ZipEntry entry = zip.getEntry(name);
		assertTrue(entry != null, name + " is not in the package");
		try (var in = zip.getInputStream(entry)) {
			return in.readAllBytes();
		}
	}

	private static String text(ZipFile zip, String name) throws IOException {
		return new String(bytes(zip, name), StandardCharsets.UTF_8);
	}
}
