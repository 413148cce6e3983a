package org.volr.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two files of a script target: the Python script and the .npz of numbers it loads, both named after the
 * network and the target so that several targets can share one output folder.
 */
public record ScriptFiles(Path script, Path data, List<NetworkArrays.Layer> layers) {
	/** Writes the numbers now; the script is the target's own and left to it. */
	public static ScriptFiles writeData(GenerationInput input, Path directory, String targetId) throws IOException {
		return writeData(input, directory, targetId, java.util.Map.of());
	}

	/** {@link #writeData(GenerationInput, Path, String)} with arrays only this target's script reads, by name (one dimension each). */
	public static ScriptFiles writeData(GenerationInput input, Path directory, String targetId, java.util.Map<String, float[]> own) throws IOException {
		Files.createDirectories(directory);
		String base = input.networkName() + "_" + targetId;
		ScriptFiles files = new ScriptFiles(directory.resolve(base + ".py"), directory.resolve(base + ".npz"),
				NetworkArrays.layers(input));
		NetworkArrays.write(input, files.data, own);
		return files;
	}

	/** The last note of a generation: how to start the script. */
	public String runNote(GenerationInput input) {
		return "run: python3 " + script + (input.samples() == null ? "" : " (" + input.samples().count() + " samples shipped)");
	}

	public GeneratedFiles generated(List<String> notes) {
		return new GeneratedFiles(List.of(script, data), notes);
	}
}
