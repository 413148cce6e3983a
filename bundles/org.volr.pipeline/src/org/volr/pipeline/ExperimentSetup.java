package org.volr.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.DatasetFormat;
import org.volr.core.data.DatasetFormats;
import org.volr.core.events.EventDataset;
import org.volr.core.events.EventFrames;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.DataSource;
import org.volr.model.DiscretisationKind;
import org.volr.model.EncodingKind;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.InitialPotential;
import org.volr.model.LayerClamp;
import org.volr.model.MembraneClip;
import org.volr.model.Quantity;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.model.Simulation;
import org.volr.model.Training;
import org.volr.model.VolrFile;
import org.volr.model.resolve.NetworkInliner;
import org.volr.net.NetLayer;
import org.volr.net.PerNeuronParameters;
import org.volr.net.SpikingLayers;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.model.units.Dimension;
import org.volr.model.units.Units;
import org.volr.sim.Encoding;
import org.volr.sim.InisimOptions;
import org.volr.sim.NeuronGroups;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;

/**
 * An experiment read from a .volr file, with everything it names resolved: the file is checked first, paths are
 * taken relative to it, and the simulation settings become numbers (steps, probabilities, neuron constants).
 */
public final class ExperimentSetup {
	public final Path file;
	public final Experiment experiment;
	/** The experiment's network resolved once (references written out, shapes, weight keys), read by every step. */
	public final ResolvedNetwork network;

	private ExperimentSetup(Path file, Experiment experiment, ResolvedNetwork network) {
		this.file = file;
		this.experiment = experiment;
		this.network = network;
	}

	/**
	 * Loads and checks the file; its errors go to {@code errors} and make this return null. Throws when the file
	 * declares no experiment of that name, or several and no name is given.
	 */
	public static ExperimentSetup load(Path file, String name, Consumer<Diagnostic> errors) throws ExperimentChoiceException {
		VolrLanguage lang = VolrLanguage.create();
		VolrLanguage.Workspace ws = lang.workspace();
		ws.add(file);
		List<Diagnostic> found = ws.check().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		if (!found.isEmpty()) {
			found.forEach(errors);
			return null;
		}
		VolrFile model = ws.model(file);
		List<Experiment> experiments = new ArrayList<>();
		for (Element e : model.getElements())
			if (e instanceof Experiment x && (name == null || name.equals(x.getName())))
				experiments.add(x);
		if (experiments.isEmpty())
			throw new ExperimentChoiceException(name == null ? file + " declares no experiment" : "no experiment '" + name + "' in " + file);
		if (experiments.size() > 1)
			throw new ExperimentChoiceException(file + " declares several experiments; choose one with --experiment "
					+ String.join("|", experiments.stream().map(Experiment::getName).toList()));
		Experiment experiment = experiments.get(0);
		// built once, read by every step: training, conversion, simulation and the targets see the references written out
		experiment.setNetwork(NetworkInliner.inline(experiment.getNetwork()));
		try {
			return new ExperimentSetup(file, experiment, NetworkResolver.resolve(experiment.getNetwork()));
		} catch (ResolveException e) {
			// the check above found no error, and the rules it checks are those the resolver applies
			throw new IllegalStateException("a checked network does not resolve: " + e.getMessage(), e);
		}
	}

	public Path resolve(String path) {
		Path p = Path.of(path);
		return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p);
	}

	/**
	 * "line:column" of the clause a run-time failure belongs to: the data clause that names the unreadable file,
	 * the training for a training failure, the conversion, the simulation; the experiment itself otherwise. So that
	 * a failure found only while running still points at what to fix.
	 */
	public String positionOf(Throwable failure) {
		EObject clause = clauseOf(failure);
		return positionOf(clause == null ? experiment : clause);
	}

	/**
	 * "line:column" of a target's refusal: the layer it names ('label' in the message) where the file holds that
	 * layer, else the target in the experiment's targets clause, else the experiment.
	 */
	public String positionOfRefusal(String target, String problem) {
		for (var it = experiment.getNetwork().eAllContents(); it.hasNext();)
			if (it.next() instanceof org.volr.model.Layer l && l.getLabel() != null && problem.contains("'" + l.getLabel() + "'")
					&& NodeModelUtils.findActualNodeFor(l) != null)
				return positionOf(l);
		for (org.volr.model.Target t : experiment.getTargets())
			if (target.equals(t.getName()))
				return positionOf(t);
		return positionOf(experiment);
	}

	private static String positionOf(EObject element) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		if (node == null)
			return "1:1";
		int lineStart = node.getRootNode().getText().lastIndexOf('\n', node.getOffset() - 1) + 1;
		return node.getStartLine() + ":" + (node.getOffset() - lineStart + 1);
	}

	private EObject clauseOf(Throwable failure) {
		if (failure instanceof PipelineException p && p.clause() != null)
			return p.clause();
		DataSource trainingData = experiment.getWeights() instanceof Training t ? t.getData() : null;
		if (failure instanceof DataFormatException d) {
			if (experiment.getWeights() instanceof org.volr.model.ImportedWeights w
					&& d.file().equals(String.valueOf(Path.of(w.getPath()).getFileName())))
				return w;
			for (DataSource source : new DataSource[] { trainingData, experiment.getData() })
				if (source != null && d.file().equals(String.valueOf(Path.of(source.getPath()).getFileName())))
					return source;
			return experiment.getData();
		}
		if (failure instanceof java.io.UncheckedIOException)
			return experiment.getData();
		if (failure instanceof org.volr.ann.AnnException)
			return experiment.getWeights();
		if (failure instanceof org.volr.convert.ConversionException)
			return experiment.getConversion();
		if (failure instanceof org.volr.sim.LoweringException)
			return experiment.getSimulation() != null ? experiment.getSimulation() : experiment.getNeuron();
		return null;
	}

	/** The experiment's data (its 'data' clause), or null when it has none. */
	public Dataset data(DataSource source) {
		if (source == null)
			return null;
		return data(source, options(source));
	}

	/**
	 * Samples {@code from} (inclusive) to {@code to} of the experiment's data, as {@link #data(DataSource)} numbers
	 * them: one shard of a sharded run. Read from the reader's own offset, so that the samples before the shard are
	 * skipped, not decoded (a compressed file is still inflated up to there). Recordings of events are not sharded.
	 */
	public Dataset data(DataSource source, long from, long to) {
		DatasetOptions options = options(source);
		if (from < 0 || to < from || (options.limit() >= 0 && to > options.limit()))
			throw new IllegalArgumentException("samples " + from + " to " + to + " are not within the data's " + options.limit());
		if (format(source) instanceof DatasetFormat.Events)
			throw new IllegalArgumentException("recordings of events are not read in shards");
		return data(source, options.withOffset(from).withLimit(to - from));
	}

	private DatasetOptions options(DataSource source) {
		// spike trains are read as they are: not the automatic 1/255 of byte data (pixels)
		return DatasetOptions.of(source.isSetLimit() ? source.getLimit() : null,
				source.isSetScale() ? Double.valueOf(source.getScale()) : spikeInput() ? Double.valueOf(1) : null,
				source.isSetChannelOrder() ? source.getChannelOrder().getLiteral() : null)
				.withStandardisation(floats(source.getMean()), floats(source.getStd()));
	}

	private Dataset data(DataSource source, DatasetOptions options) {
		Path path = resolve(source.getPath());
		if (!Files.exists(path))
			throw new IllegalArgumentException(file + ": data '" + source.getPath() + "' not found (looked for " + path + ")");
		return switch (format(source)) {
		// the ANN reads the recordings as the spikes per step the simulator will give it
		case DatasetFormat.Events events -> EventFrames.of(events(source, 0), dtMs() * 1000, simulation(0).steps());
		case DatasetFormat.Samples samples -> samples.open(path, source.getSplit().getLiteral(), options);
		};
	}

	/** The registered format of a data clause; the checker has refused the formats that have none. */
	private static DatasetFormat format(DataSource source) {
		DatasetFormat format = DatasetFormats.of(source.getFormat().getLiteral());
		if (format == null)
			throw new IllegalArgumentException("data " + source.getFormat().getLiteral() + " is not read yet; use "
					+ String.join(", ", DatasetFormats.all().stream().map(DatasetFormat::name).toList()));
		return format;
	}

	/**
	 * The recordings of an event data clause (see {@link DatasetFormat.Events#open}). {@code limit} > 0 takes at most
	 * that many (the clause's own limit too).
	 */
	public EventDataset events(DataSource source, int limit) {
		if (!(format(source) instanceof DatasetFormat.Events events))
			throw new IllegalArgumentException("data " + source.getFormat().getLiteral() + " holds no event recordings");
		int n = source.isSetLimit() ? source.getLimit() : 0;
		if (limit > 0)
			n = n > 0 ? Math.min(n, limit) : limit;
		return events.open(resolve(source.getPath()), source.getSplit().getLiteral(), n);
	}

	private static float[] floats(List<Double> values) {
		float[] out = new float[values.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = values.get(i).floatValue();
		return out;
	}

	/** Simulation settings with the standard defaults where the experiment says nothing. */
	public SimulationConfig simulation(int stepsOverride) {
		return simulation(stepsOverride, SimulationDefaults.STANDARD);
	}

	/**
	 * Simulation settings: duration in steps (or time / dt), Poisson probability per step = rate · dt; what the
	 * experiment leaves open (duration, batch, seed, threads) comes from {@code defaults}.
	 */
	public SimulationConfig simulation(int stepsOverride, SimulationDefaults defaults) {
		Simulation s = experiment.getSimulation();
		double dtMs = dtMs();
		int steps = defaults.steps();
		if (s != null && s.getDuration() != null) {
			Quantity d = s.getDuration();
			boolean inSteps = Units.dimensionOf(d.getUnit()).orElse(Dimension.STEPS) == Dimension.STEPS;
			double exact = inSteps ? d.getValue() : Units.toBase(d) / dtMs;
			if (!(exact >= 0.5 && exact < Integer.MAX_VALUE))
				throw new IllegalArgumentException("duration " + d.getValue() + (d.getUnit() == null ? "" : " " + d.getUnit())
						+ " is " + (Double.isFinite(exact) ? String.format(java.util.Locale.ROOT, "%.0f", exact) : exact)
						+ " steps; a simulation runs from 1 to " + (Integer.MAX_VALUE - 1) + " steps");
			steps = (int) Math.round(exact);
		}
		if (stepsOverride > 0)
			steps = stepsOverride;
		int batch = s != null && s.isSetBatch() ? s.getBatch() : defaults.batch();
		long seed = experiment.isSetSeed() ? experiment.getSeed() : defaults.seed();
		DiscretisationKind scheme = s == null ? DiscretisationKind.EXACT : s.getDiscretisation();
		NeuronSpec neuron = NeuronSpec.from(experiment.getNeuron(), experiment.getConversion(), dtMs, scheme);
		Encoding encoding = Encoding.CONSTANT;
		double probability = 0;
		if (s != null && s.getInput() != null && s.getInput().getKind() == EncodingKind.POISSON) {
			encoding = Encoding.POISSON;
			probability = poissonSpikesPerStep();
		}
		int delay = s != null && s.isSetDelay() ? s.getDelay() : 0;
		int clamp = s != null && s.isSetClamp() ? s.getClamp() : 0;
		SimulationConfig config = new SimulationConfig(steps, encoding, probability, neuron, seed, batch, defaults.threads()).withDelay(delay)
				.withClamp(clamp).withAdaptiveThreshold(s != null && s.isAdaptiveThreshold()).withInisim(inisimOptions(s))
				.withLayerNeurons(layerNeurons(neuron.reset(), dtMs, scheme)).withReadout(s == null ? Readout.SPIKES : s.getReadout()).withDiscretisation(scheme)
				.withInitialPotential(experiment.getConversion() == null ? InitialPotential.ZERO : experiment.getConversion().getInit());
		// every event is a spike of its pixel in the step of dt it falls in (SEMANTICS.md, "Input encodings")
		if (s != null && s.getInput() != null && s.getInput().getKind() == EncodingKind.EVENTS)
			return config.withEvents(dtMs * 1000);
		return spikeInput() ? config.withSpikeTrains() : config;
	}

	/** Whether the experiment trains its spiking network directly ({@code train { spiking }}): no ANN, no conversion. */
	public boolean trainsSpiking() {
		return experiment.getWeights() instanceof Training t && t.isSpiking();
	}

	/** Whether the data gives the input as spike trains, step by step ({@code simulate { input spikes }}). */
	public boolean spikeInput() {
		Simulation s = experiment.getSimulation();
		return s != null && s.getInput() != null && s.getInput().getKind() == EncodingKind.SPIKES;
	}

	/**
	 * The run's settings with the neuron parameters the weights give per neuron ({@code <key>.<parameter>}, one value
	 * per neuron in the parameter's base unit; SEMANTICS.md, "Per-neuron parameters") in place of the written ones: a
	 * layer whose array holds one value throughout gets that value as its neuron's (the uniform path), any other its
	 * neurons in groups of equal values. Throws IllegalArgumentException for an array the layer's model cannot take.
	 */
	public SimulationConfig withNeuronParameters(SimulationConfig config, WeightStore weights) {
		Map<String, NeuronSpec> uniform = new HashMap<>(config.layerNeurons());
		Map<String, NeuronGroups> grouped = new HashMap<>();
		DiscretisationKind scheme = config.discretisation();
		for (NetLayer layer : network.layers()) {
			if (SpikingLayers.handsOn(layer) || !SpikingLayers.hasNeurons(layer))
				continue;
			NeuronSpec spec = config.neuronOf(layer.key());
			Map<String, float[]> given = PerNeuronParameters.given(layer, key -> weights.contains(key) ? weights.get(key).data() : null);
			List<String> problems = PerNeuronParameters.problems(layer, spec.model(), given);
			if (!problems.isEmpty()) // the code generators refuse the same arrays in the same words
				throw new IllegalArgumentException(problems.get(0));
			if (given.isEmpty())
				continue;
			Map<List<Float>, Integer> groupOf = new java.util.LinkedHashMap<>();
			int[] group = new int[layer.outSize()];
			for (int j = 0; j < group.length; j++) {
				List<Float> values = new ArrayList<>();
				for (float[] a : given.values())
					values.add(a[j]);
				group[j] = groupOf.computeIfAbsent(values, v -> groupOf.size());
			}
			List<NeuronSpec> specs = new ArrayList<>();
			for (List<Float> values : groupOf.keySet()) {
				Map<String, Double> written = new HashMap<>(spec.parameters().isEmpty() ? NeuronModels.values(spec.model(), Map.of()) : spec.parameters());
				int k = 0;
				for (String p : given.keySet())
					written.put(p, (double) values.get(k++));
				specs.add(NeuronSpec.of(spec.model(), written, spec.reset(), dtMs(), scheme));
			}
			if (specs.size() == 1)
				uniform.put(layer.key(), specs.get(0));
			else
				grouped.put(layer.key(), new NeuronGroups(group, specs));
		}
		return config.withLayerNeurons(uniform).withNeuronGroups(grouped);
	}

	/** The layers with a neuron of their own, by weight key (the simulator's layer label), with the run's reset and discretisation, at dt. */
	private Map<String, NeuronSpec> layerNeurons(ResetMode reset, double dtMs, DiscretisationKind scheme) {
		Map<String, NeuronSpec> own = new HashMap<>();
		for (NetLayer layer : network.layers())
			if (layer.neuron() != null)
				own.put(layer.key(), NeuronSpec.of(layer.neuron().model(), layer.neuron().written(), reset, dtMs, scheme));
		return own;
	}

	/**
	 * The probability per step with which an input of 1 spikes under Poisson input (rate · dt), or 0 when the input
	 * is not Poisson.
	 */
	public double poissonSpikesPerStep() {
		Simulation s = experiment.getSimulation();
		if (s == null || s.getInput() == null || s.getInput().getKind() != EncodingKind.POISSON)
			return 0;
		return Units.toBase(s.getInput().getRate()) * dtMs() / 1000.0;
	}

	/** The run's step and discretisation, for which a NIR graph named by the weights clause is read. */
	org.volr.gen.nir.NirTime nirTime() {
		Simulation s = experiment.getSimulation();
		return org.volr.gen.nir.NirTime.ofMillis(dtMs(), s == null ? null : s.getDiscretisation());
	}

	/** The simulation's time step in ms (1 ms unless it says otherwise). */
	private double dtMs() {
		Simulation s = experiment.getSimulation();
		return s != null && s.getDt() != null ? Units.toBase(s.getDt()) : 1.0;
	}

	/** Bias relaxation, payloads, membrane clips and per-layer clamps (SEMANTICS.md); the validator has checked them. */
	private static InisimOptions inisimOptions(Simulation s) {
		if (s == null)
			return InisimOptions.NONE;
		InisimOptions o = InisimOptions.NONE.withBiasRelaxation(s.isBiasRelaxation()).withPayloads(s.isPayloads());
		for (MembraneClip c : s.getClips())
			o = c.getLayer() == null ? o.withClip((float) c.getLow(), (float) c.getHigh())
					: o.withClip(c.getLayer(), (float) c.getLow(), (float) c.getHigh());
		for (LayerClamp c : s.getLayerClamps())
			o = o.withClamp(c.getLayer(), c.getSteps());
		return o;
	}
}
