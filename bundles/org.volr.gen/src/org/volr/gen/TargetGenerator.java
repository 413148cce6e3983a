package org.volr.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A code generation target (PyNN, Brian2, NIR, SpiNNaker, Lava, ...): one bundle each, found through the
 * {@code org.volr.gen.targets} extension point (or Java's ServiceLoader outside OSGi, see {@link TargetRegistry}).
 * A generator first says what its target cannot do; only a model without such problems is generated.
 */
public interface TargetGenerator {
	/** The name used in {@code volr generate --target ID} and in an experiment's {@code targets} list. */
	String id();

	/** One line for {@code volr generate --help}. */
	String summary();

	/** What stops this model from running on the target, each naming the layer or setting; empty when it can. */
	List<String> validate(GenerationInput input);

	/** Writes the target's files into {@code directory} (created if needed); call only when validate found nothing. */
	GeneratedFiles generate(GenerationInput input, Path directory) throws IOException;
}
