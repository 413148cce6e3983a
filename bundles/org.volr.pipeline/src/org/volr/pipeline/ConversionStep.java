package org.volr.pipeline;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.convert.LayerScale;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Conversion;

/** Runs the converter on the experiment's normalisation data and records the λ of every layer. */
final class ConversionStep {
	private ConversionStep() {
	}

	static WeightStore run(ExperimentSetup setup, Conversion conversion, WeightStore weights, Supplier<Dataset> data,
			Progress progress, Consumer<String> report) {
		Dataset normalization = data.get();
		ConversionResult result = Converter.convert(setup.experiment.getNetwork(), weights, conversion, normalization, progress);
		StringBuilder json = new StringBuilder("[");
		for (LayerScale s : result.scales()) {
			if (json.length() > 1)
				json.append(", ");
			float max = 0;
			for (float l : s.lambda())
				max = Math.max(max, l);
			json.append(String.format(Locale.ROOT, "{\"layer\": \"%s\", \"lambda\": %.6g, \"channelwise\": %s, \"clipped\": %.6f}",
					s.layer(), max, s.channelwise(), s.clipped()));
		}
		report.accept(json.append(']').toString());
		return result.converted();
	}
}
