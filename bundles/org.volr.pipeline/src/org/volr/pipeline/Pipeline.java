package org.volr.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.volr.ann.AnnModel;
import org.volr.ann.Evaluator;
import org.volr.ann.Trainer;
import org.volr.convert.ImportException;
import org.volr.core.data.Dataset;
import org.volr.core.data.SpikeTrains;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Conversion;
import org.volr.model.DataSource;
import org.volr.model.Experiment;
import org.volr.model.ImportedWeights;
import org.volr.model.InitialPotential;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.Readout;
import org.volr.model.Split;
import org.volr.model.Training;
import org.volr.model.WeightSource;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.SimulationResult;

/** The steps of an experiment before and after simulation, shared by the volr commands and the workbench's launches. */
public final class Pipeline {
	private final ExperimentSetup setup;
	private final PrintStream log;
	private final Progress progress;
	private final List<String> notes = new ArrayList<>();
	private String conversionJson = "null";
	private String correlationJson = "null";
	/** The ANN's activation when it is not what the network says (QCFS), for report.json; null otherwise. */
	private String activationJson;
	/** What spiking training measured (train { spiking }), once the weights are trained; else null. */
	private org.volr.ann.snn.SpikingTrainingResult spikingTraining;
	/** Whether a spiking fine-tune started from converted weights. */
	private boolean startConverted;

	/** log receives what a terminal user reads on standard error (e.g. "training xor on 64 samples"). */
	public Pipeline(ExperimentSetup setup, PrintStream log, Progress progress) {
		this.setup = setup;
		this.log = log;
		this.progress = progress;
	}

	public Experiment experiment() {
		return setup.experiment;
	}

	/** The experiment's network resolved once by its setup: what the ANN, the converter and the simulator read. */
	public ResolvedNetwork network() {
		return setup.network;
	}

	public Dataset testData(int limit) throws PipelineException {
		return fit(setup.data(testSource(limit)));
	}

	/** Samples {@code from} to {@code to} of {@link #testData(int)}: a shard, read from its offset (ExperimentSetup#data). */
	public Dataset testData(int limit, int from, int to) throws PipelineException {
		return fit(setup.data(testSource(limit), from, to));
	}

	/**
	 * The test data's spike trains for a run of {@code steps} steps under {@code input spikes} (SEMANTICS.md, "Input
	 * encodings"): every sample's first {@code steps} steps, [steps, inputs] of 0 and 1, which the simulator reads.
	 */
	public Dataset spikeTrains(int limit, int steps) throws PipelineException {
		DataSource source = testSource(limit);
		return spikeTrains(setup.data(source), source, steps).trains();
	}

	private SpikeTrains spikeTrains(Dataset data, DataSource source, int steps) throws PipelineException {
		return SpikeTrains.of(data, steps, inputShape(), String.valueOf(Path.of(source.getPath()).getFileName()));
	}

	/** The experiment's data clause with at most {@code limit} samples (0 or less: as written). */
	private DataSource testSource(int limit) throws PipelineException {
		DataSource source = setup.experiment.getData();
		if (source == null)
			throw new PipelineException("experiment '" + setup.experiment.getName() + "' has no data; add e.g."
					+ " data idx \"/usr/share/datasets/fashion-mnist\" test");
		if (limit > 0) {
			source = EcoreUtil.copy(source);
			source.setLimit(source.isSetLimit() ? Math.min(limit, source.getLimit()) : limit);
		}
		return source;
	}

	/**
	 * The data in the shape the network takes (see ShapedDataset); under {@code input spikes}, what the ANN reads of
	 * the spike trains: the spikes per step of each input over the run's steps (see SpikeTrains#rates).
	 */
	public Dataset fit(Dataset data) throws PipelineException {
		if (setup.spikeInput())
			return spikeTrains(data, setup.experiment.getData(), setup.simulation(0).steps()).rates();
		return ShapedDataset.fit(data, inputShape(), setup.experiment.getNetwork().getName());
	}

	private int[] inputShape() throws PipelineException {
		Network network = setup.experiment.getNetwork();
		org.volr.model.shapes.NetType type = org.volr.model.shapes.ShapeInference.of(network).typeOf(network);
		if (type == null || type.in() == null)
			throw new PipelineException("network '" + network.getName() + "' has no inferable input shape");
		return type.in().dims();
	}

	/** Training data: the train block's own, or the experiment's data source with the train split. */
	public Dataset trainData(Training training) throws PipelineException {
		DataSource source = training != null && training.getData() != null ? training.getData() : null;
		if (source == null) {
			source = EcoreUtil.copy(setup.experiment.getData());
			source.setSplit(Split.TRAIN);
			source.unsetLimit();
		}
		return fit(setup.data(source));
	}

	/** What spiking training measured, after {@link #weights()} trained a spiking network; null otherwise. */
	public org.volr.ann.snn.SpikingTrainingResult spikingTraining() {
		return spikingTraining;
	}

	/** The experiment's weights: imported, or trained (and fine-tuned) by its train block. */
	public WeightStore weights() throws PipelineException {
		WeightStore weights = readOrTrain();
		activationJson = qcfsJson(weights);
		return weights;
	}

	/**
	 * The QCFS layers' learnt λ and levels L as the weights give them (SEMANTICS.md, "QCFS activation"), or null when
	 * the hidden layers compute their relu.
	 */
	private String qcfsJson(WeightStore weights) {
		List<String> layers = new ArrayList<>();
		for (var layer : network().weighted()) {
			String clip = org.volr.net.WeightKeys.clip(layer.key()), levels = org.volr.net.WeightKeys.levels(layer.key());
			if (weights.contains(clip) && weights.contains(levels))
				layers.add(String.format(Locale.ROOT, "{\"layer\": \"%s\", \"lambda\": %.6g, \"levels\": %d}", layer.key(),
						weights.get(clip).data()[0], (int) weights.get(levels).data()[0]));
		}
		return layers.isEmpty() ? null : "{\"hidden\": \"qcfs\", \"layers\": [" + String.join(", ", layers) + "]}";
	}

	private WeightStore readOrTrain() throws PipelineException {
		WeightSource source = setup.experiment.getWeights();
		Network network = setup.experiment.getNetwork();
		ResourceEstimate.forThisProcess(setup).checkWeights(source instanceof Training);
		if (source instanceof ImportedWeights w)
			return imported(w, network);
		if (source instanceof Training training && training.isSpiking()) {
			Dataset train = trainData(training);
			ResourceEstimate.forThisProcess(setup).checkTraining(training, train.size());
			WeightStore start = training.getStart() == null ? null : convertedStart(training.getStart(), network);
			log.printf(Locale.ROOT, "%s %s as a spiking network%s on %d samples of %s%n", start == null ? "training" : "fine-tuning",
					network.getName(), start == null ? "" : " from " + training.getStart().getPath() + startKind(), train.size(), train.name());
			spikingTraining = SpikingTrainingStep.train(setup, network(), training, start, train, progress, log);
			return spikingTraining.weights();
		}
		if (source instanceof Training training) {
			// a fine-tune starts from imported weights, checked as a weights clause's are
			WeightStore start = training.getStart() == null ? null : imported(training.getStart(), network);
			Dataset train = trainData(training);
			ResourceEstimate.forThisProcess(setup).checkTraining(training, train.size());
			log.printf(Locale.ROOT, "%s %s%s on %d samples of %s%n", start == null ? "training" : "fine-tuning", network.getName(),
					start == null ? "" : " from " + training.getStart().getPath(), train.size(), train.name());
			return Trainer.train(network(), training, start, train, progress);
		}
		throw new PipelineException("experiment '" + setup.experiment.getName() + "' has no weights: add"
				+ " 'weights npz \"...\"', 'weights keras \"...\"' or a 'train { ... }' block");
	}

	/**
	 * Where a spiking fine-tune (train { spiking, from ... }) starts: the imported weights converted by the experiment's
	 * convert block (its normalisation scales them for the neurons' thresholds), or as they are under normalize none or
	 * without one (SEMANTICS.md, "Fine-tuning a converted network").
	 */
	private WeightStore convertedStart(ImportedWeights from, Network network) throws PipelineException {
		WeightStore weights = imported(from, network);
		Conversion conversion = setup.experiment.getConversion();
		if (conversion == null || conversion.getNormalization() == Normalization.NONE)
			return weights;
		WeightStore converted = ConversionStep.run(setup, network(), conversion, weights, this::trainOrTestData, progress, this::setConversionJson);
		startConverted = true;
		return converted;
	}

	private String startKind() {
		return startConverted ? " (converted)" : "";
	}

	/** The weights a weights clause (or a train block's from) imports, checked against the network. */
	private WeightStore imported(ImportedWeights w, Network network) throws PipelineException {
		Path path = setup.resolve(w.getPath());
		if (!Files.exists(path))
			throw new PipelineException("weights '" + w.getPath() + "' not found (looked for " + path + ")", w);
		ModelImporters.Importer importer = ModelImporters.forFormat(w.getFormat());
		if (importer == null)
			throw new PipelineException(w.getFormat().getLiteral() + " weights are not imported yet; use keras, onnx, nir or npz", w);
		WeightStore weights;
		try {
			// a NIR graph's input gains are read for the run's own step and discretisation (SEMANTICS.md, "Time in NIR graphs")
			weights = importer.weights(path, network.getName(), setup.nirTime());
		} catch (ImportException e) {
			throw new PipelineException(e.getMessage(), w);
		}
		String problem = WeightsCheck.problem(network(), weights);
		if (problem != null)
			throw new PipelineException(path.getFileName() + ": " + problem, w);
		return weights;
	}

	public double annAccuracy(WeightStore weights, Dataset test) {
		AnnModel model = AnnModel.of(network(), weights);
		return Evaluator.accuracy(model, test, 500, progress);
	}

	/**
	 * The ANN's accuracy, or NaN with a note in the report when the ANN cannot compute the network: a recurrent one
	 * (its activations would depend on time; SEMANTICS.md, "Recurrent layers").
	 */
	public double annAccuracyIfComputable(WeightStore weights, Dataset test) {
		if (setup.trainsSpiking()) {
			notes.add("no ANN: trained as a spiking network");
			return Double.NaN;
		}
		String refusal = network().delayedEdgeRefusal("no ANN accuracy: the ANN computes feed-forward networks only");
		if (refusal != null) {
			notes.add(refusal);
			return Double.NaN;
		}
		return annAccuracy(weights, test);
	}

	/**
	 * For an experiment set up for few steps (membranes starting at θ/2, thresholds calibrated for T steps, or the
	 * integrated readout): the initial potential and the accuracy against steps (AccuracyAgainstSteps), as lines of
	 * report.json. Empty for the others, whose reports stay as they were (their accuracy per step is in result.json).
	 */
	private String fewStepsJson(SimulationResult result, double annAccuracy) {
		Conversion c = setup.experiment.getConversion();
		boolean half = c != null && c.getInit() == InitialPotential.HALF;
		boolean calibrated = c != null && c.getCalibration() != null;
		boolean integrated = setup.experiment.getSimulation() != null && setup.experiment.getSimulation().getReadout() == Readout.INTEGRATED;
		if (!half && !calibrated && !integrated)
			return "";
		String json = half ? "  \"initial_potential\": \"half\",\n" : "";
		if (result != null && !Double.isNaN(annAccuracy))
			json += "  \"accuracy_against_steps\": " + AccuracyAgainstSteps.of(result.accuracyPerStep(), annAccuracy).toJson() + ",\n";
		return json;
	}

	/** The converted weights (also written to DIR/converted.npz), or the weights as they are when told not to normalise. */
	public WeightStore convert(WeightStore weights, Path out) throws PipelineException, IOException {
		Conversion conversion = setup.experiment.getConversion();
		WeightStore converted;
		if (setup.trainsSpiking()) {
			// trained as the simulator runs it: nothing to convert (SEMANTICS.md, "Training spiking networks")
			converted = weights;
			notes.add(startConverted ? "weights used as fine-tuned (spiking training from the converted network, no second conversion)"
					: "weights used as trained (spiking training, no conversion)");
		} else if (conversion != null && conversion.getNormalization() == Normalization.NONE) {
			converted = weights;
			notes.add("weights used as they are (normalize none)");
		} else {
			converted = ConversionStep.run(setup, network(), conversion, weights, this::trainOrTestData, progress, this::setConversionJson);
		}
		Files.createDirectories(out);
		converted.write(out.resolve("converted.npz"));
		return converted;
	}

	private Dataset trainOrTestData() {
		Training training = setup.experiment.getWeights() instanceof Training t ? t : null;
		try {
			return trainData(training);
		} catch (RuntimeException | PipelineException e) {
			String note = "normalised on the test data: no training split found (" + e.getMessage() + ")";
			notes.add(note);
			log.println("warning: " + note);
			try {
				return fit(setup.data(setup.experiment.getData()));
			} catch (PipelineException shape) {
				throw new IllegalArgumentException(shape.getMessage());
			}
		}
	}

	private void setConversionJson(String json) {
		conversionJson = json;
	}

	public void setCorrelationJson(String json) {
		correlationJson = json;
	}

	public void writeReport(Path out, SimulationResult result, double annAccuracy) throws IOException {
		// result is null when only converting: no SNN accuracy yet
		// the ANN's activation is named only when it is not the network's own (QCFS), so other reports stay as they were
		String json = String.format(Locale.ROOT, "{\n  \"experiment\": \"%s\",\n  \"ann_accuracy\": %s,\n%s  \"snn_accuracy\": %s,\n"
				+ "%s  \"conversion\": %s,\n  \"ann_snn_correlation\": %s,\n  \"notes\": [%s]\n}\n", setup.experiment.getName(),
				Double.isNaN(annAccuracy) ? "null" : String.format(Locale.ROOT, "%.6f", annAccuracy),
				activationJson == null ? "" : "  \"ann_activation\": " + activationJson + ",\n",
				result == null ? "null" : String.format(Locale.ROOT, "%.6f", result.finalAccuracy()), fewStepsJson(result, annAccuracy),
				conversionJson, correlationJson, String.join(", ", notes.stream().map(n -> "\"" + n.replace("\"", "'") + "\"").toList()));
		org.volr.core.io.AtomicFiles.writeString(out.resolve("report.json"), json);
	}
}
