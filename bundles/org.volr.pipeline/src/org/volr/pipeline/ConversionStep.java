package org.volr.pipeline;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.volr.convert.Calibration;
import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.convert.LayerScale;
import org.volr.convert.Normalization;
import org.volr.convert.ConversionException;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Conversion;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.Encoding;
import org.volr.sim.SimulationConfig;

/** Runs the converter on the experiment's normalisation data and records λ of the input and of every layer. */
final class ConversionStep {
	private ConversionStep() {
	}

	static WeightStore run(ExperimentSetup setup, ResolvedNetwork network, Conversion conversion, WeightStore weights, Supplier<Dataset> data,
			Progress progress, Consumer<String> report) {
		Dataset normalization = data.get();
		// Poisson input delivers x · p per step on average: the first layer makes up for p (λ_0 = 1/p)
		double p = setup.poissonSpikesPerStep();
		float inputLambda = p > 0 ? (float) (1 / p) : 1f;
		if (p > 0)
			checkPoissonRange(normalization, p);
		ConversionResult result = Converter.convert(network, weights, conversion, normalization, inputLambda,
				progress);
		WeightStore converted = result.converted();
		if (!result.calibration().isEmpty()) {
			// then against the spiking network itself, simulated for the calibration's steps (not for recorded input, events or spike trains)
			SimulationConfig calibration = setup.simulation(Calibration.steps(conversion));
			if (calibration.encoding() == Encoding.CONSTANT || calibration.encoding() == Encoding.POISSON)
				converted = SpikingBiasCorrection.correct(network, Converter.rescale(network, weights, result.scales()), converted,
						normalization, conversion.isSetSamples() ? conversion.getSamples() : Normalization.DEFAULT_SAMPLES, calibration, progress);
		}
		StringBuilder json = new StringBuilder("[");
		json.append(p > 0
				? String.format(Locale.ROOT, "{\"layer\": \"input\", \"lambda\": %.6g, \"encoding\": \"poisson\", \"spikes_per_step\": %.6g}",
						inputLambda, p)
				: "{\"layer\": \"input\", \"lambda\": 1, \"encoding\": \"" + inputKind(setup) + "\"}");
		for (int l = 0; l < result.scales().size(); l++) {
			LayerScale s = result.scales().get(l);
			float max = 0;
			for (float v : s.lambda())
				max = Math.max(max, v);
			json.append(String.format(Locale.ROOT, ", {\"layer\": \"%s\", \"lambda\": %.6g, \"channelwise\": %s, \"clipped\": %.6f",
					s.layer(), max, s.channelwise(), s.clipped()));
			// a calibrated layer also says how far below its largest activation λ went and how much its bias moved
			if (!result.calibration().isEmpty()) {
				Calibration.CalibratedLayer c = result.calibration().get(l);
				float largest = 0;
				for (float v : c.max())
					largest = Math.max(largest, v);
				json.append(String.format(Locale.ROOT, ", \"calibrated_for_steps\": %d, \"max_activation\": %.6g, \"lambda_over_max\": %.6f,"
						+ " \"bias_shift\": %.6g", c.steps(), largest, c.meanScale(), c.meanAbsoluteShift()));
			}
			json.append('}');
		}
		report.accept(json.append(']').toString());
		return converted;
	}

	/**
	 * A Poisson input spikes with probability x · p, which cannot express a negative x (standardised data) and
	 * saturates at one spike per step: refuse the first, since the network would silently lose part of its input.
	 */
	private static void checkPoissonRange(Dataset data, double p) {
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		int seen = 0;
		try (BatchIterator batches = data.batches(250)) {
			while (seen < 1000 && batches.hasNext()) {
				Batch b = batches.next();
				for (float v : b.features()) {
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
				seen += b.size();
			}
		}
		if (min < 0)
			throw new ConversionException(String.format(Locale.ROOT, "poisson input cannot express negative inputs, but %s has"
					+ " values from %.4g to %.4g (standardised with mean/std?); use input constant, or data scaled to [0, 1]",
					data.name(), min, max));
		if (max * p > 1)
			throw new ConversionException(String.format(Locale.ROOT, "poisson input at %.4g spikes per step saturates for inputs"
					+ " above %.4g, but %s has values up to %.4g; scale the data to [0, 1] (data ... scale) or lower the rate",
					p, 1 / p, data.name(), max));
	}

	private static String inputKind(ExperimentSetup setup) {
		var s = setup.experiment.getSimulation();
		return s == null || s.getInput() == null ? "constant" : s.getInput().getKind().getLiteral();
	}
}
