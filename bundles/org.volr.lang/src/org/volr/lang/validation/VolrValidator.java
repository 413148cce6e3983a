package org.volr.lang.validation;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.volr.model.Activation;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.Conversion;
import org.volr.model.DataSource;
import org.volr.model.Dense;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.GlobalPool;
import org.volr.model.ImportedWeights;
import org.volr.model.InputEncoding;
import org.volr.model.Layer;
import org.volr.model.LayerClamp;
import org.volr.model.MembraneClip;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.Quantity;
import org.volr.model.ResetMode;
import org.volr.model.Sequence;
import org.volr.model.Simulation;
import org.volr.model.Target;
import org.volr.model.TargetOption;
import org.volr.model.Training;
import org.volr.model.VolrFile;
import org.volr.model.VolrPackage.Literals;
import org.volr.model.resolve.SpikingRules;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.ShapeProblem;
import org.volr.model.units.Dimension;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterProblem;
import org.volr.net.neuron.ParameterSpec;
import org.volr.model.units.Units;

/**
 * The checks of the Volr language: shapes (through {@link ShapeInference}), activations that cannot spike,
 * names, units and experiment settings. Every message says what was found and what was expected.
 */
public class VolrValidator extends AbstractVolrValidator {
	public static final String DUPLICATE_NAME = "org.volr.lang.duplicateName";
	public static final String DUPLICATE_OPTION = "org.volr.lang.duplicateOption";
	public static final String NO_SPIKING_EQUIVALENT = "org.volr.lang.noSpikingEquivalent";
	public static final String HIDDEN_SOFTMAX = "org.volr.lang.hiddenSoftmax";
	/** A network an experiment simulates cannot run as spiking neurons (SpikingRules). */
	public static final String NOT_SPIKING = "org.volr.lang.notSpiking";
	public static final String UNKNOWN_PARAMETER = "org.volr.lang.unknownParameter";
	public static final String WRONG_UNIT = "org.volr.lang.wrongUnit";
	public static final String BAD_VALUE = "org.volr.lang.badValue";
	public static final String MISSING = "org.volr.lang.missing";
	public static final String UNKNOWN_TARGET = "org.volr.lang.unknownTarget";
	public static final String UNKNOWN_NEURON_MODEL = "org.volr.lang.unknownNeuronModel";
	public static final String MISSING_FILE = "org.volr.lang.missingFile";
	/** A dense layer's declared input size differs from what flows in; the issue data holds the incoming size. */
	public static final String SIZE_MISMATCH = "org.volr.lang." + ShapeInference.SIZE_MISMATCH;

	// ------------------------------------------------------------------ shapes

	@Check
	public void checkShapes(VolrFile file) {
		ShapeInference inference = ShapeInference.of(file);
		for (ShapeProblem p : inference.problems()) {
			if (p.source().eResource() != file.eResource())
				continue;
			String[] data = p.data().toArray(String[]::new);
			if (p.severity() == ShapeProblem.Severity.ERROR)
				error(p.message(), p.source(), p.feature(), "org.volr.lang." + p.code(), data);
			else
				warning(p.message(), p.source(), p.feature(), "org.volr.lang." + p.code(), data);
		}
	}

	/** The largest array Java allocates; a weight tensor beyond it cannot exist in any process. */
	private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

	@Check
	public void checkWeightTensorSizes(VolrFile file) {
		ShapeInference inference = ShapeInference.of(file);
		for (var it = file.eAllContents(); it.hasNext();) {
			if (!(it.next() instanceof Layer layer))
				continue;
			NetType t = inference.typeOf(layer);
			long weights = inference.parameters(layer) - (t == null || t.out() == null ? 0 : t.out().dim(0))
					- (layer instanceof Dense d ? ShapeInference.recurrentWeights(d) : 0); // a tensor of its own
			// (a layer's output beyond an array is the shape inference's to refuse, as it is an input's)
			if (weights > LARGEST_ARRAY)
				error(String.format(java.util.Locale.ROOT, "this layer has %,d weights; one weight tensor holds at most %,d values"
						+ " (the largest Java array): make it smaller", weights, LARGEST_ARRAY), layer, null, BAD_VALUE);
			else if (layer instanceof Dense d && ShapeInference.recurrentWeights(d) > LARGEST_ARRAY)
				error(String.format(java.util.Locale.ROOT, "this recurrent layer has %,d recurrent weights (units²); one weight tensor holds"
						+ " at most %,d values (the largest Java array): make it smaller", ShapeInference.recurrentWeights(d), LARGEST_ARRAY),
						layer, Literals.DENSE__RECURRENT, BAD_VALUE);
		}
	}

	// ------------------------------------------------------------------ layers

	@Check
	public void checkActivation(Layer layer) {
		Activation a = layer.getActivation();
		if (a == Activation.SIGMOID || a == Activation.TANH) {
			error("activation '" + a.getLiteral() + "' has no spiking equivalent; Volr Studio converts relu, linear and softmax",
					layer, Literals.LAYER__ACTIVATION, NO_SPIKING_EQUIVALENT);
		} else if (a == Activation.SOFTMAX && !isLastLayer(layer)) {
			warning("softmax is only converted as the output of a network; in a hidden layer it has no spiking equivalent",
					layer, Literals.LAYER__ACTIVATION, HIDDEN_SOFTMAX);
		}
	}

	private static boolean isLastLayer(NetExpr node) {
		EObject child = node;
		for (EObject parent = node.eContainer(); parent != null; child = parent, parent = parent.eContainer()) {
			if (parent instanceof Sequence seq) {
				List<NetExpr> steps = seq.getSteps();
				if (steps.get(steps.size() - 1) != child)
					return false;
			} else if (!(parent instanceof NetExpr)) {
				return true;
			}
		}
		return true;
	}

	@Check
	public void checkBatchNorm(BatchNorm bn) {
		if (bn.isSetEpsilon() && bn.getEpsilon() <= 0)
			error("batchnorm epsilon must be positive, got " + bn.getEpsilon(), bn, Literals.BATCH_NORM__EPSILON, BAD_VALUE);
	}

	// ------------------------------------------------------------------ names and options

	@Check
	public void checkUniqueNames(VolrFile file) {
		Map<String, Element> seen = new HashMap<>();
		for (Element e : file.getElements()) {
			if (e.getName() == null)
				continue;
			Element first = seen.putIfAbsent(e.getName(), e);
			if (first != null) {
				int line = NodeModelUtils.getNode(first) == null ? 0 : NodeModelUtils.getNode(first).getStartLine();
				error("'" + e.getName() + "' is defined twice (first on line " + line + "); names must be unique in a file",
						e, Literals.NAMED__NAME, DUPLICATE_NAME);
			}
		}
	}

	/** The grammar lets options come in any order; a single-valued option given twice would silently win. */
	@Check
	public void checkNoDuplicateOptions(EObject object) {
		if (object instanceof VolrFile || NodeModelUtils.getNode(object) == null)
			return;
		for (EStructuralFeature f : object.eClass().getEAllStructuralFeatures()) {
			if (f.isMany())
				continue;
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, f);
			if (nodes.size() > 1) {
				INode second = nodes.get(1);
				acceptError("'" + f.getName() + "' is given " + nodes.size() + " times; give it once", object,
						second.getOffset(), second.getLength(), DUPLICATE_OPTION);
			}
		}
	}

	// ------------------------------------------------------------------ experiments

	@Check
	public void checkExperiment(Experiment experiment) {
		if (experiment.getNetwork() == null)
			error("experiment '" + experiment.getName() + "' names no network; add 'network <name>'", experiment,
					Literals.NAMED__NAME, MISSING);
		if (experiment.getWeights() == null)
			warning("experiment '" + experiment.getName() + "' has no weights: add 'weights keras \"...\"' or 'train { ... }'"
					+ " (until then it can only be checked, not run)", experiment, Literals.NAMED__NAME, MISSING);
		if (experiment.getWeights() instanceof Training && experiment.getData() == null
				&& ((Training) experiment.getWeights()).getData() == null)
			error("training needs data: add 'data idx \"...\"' to the experiment or to the train block", experiment,
					Literals.EXPERIMENT__WEIGHTS, MISSING);
	}

	/**
	 * An experiment runs its network as spiking neurons: what the simulator would refuse from the structure alone is
	 * refused here, at the layer, before any training starts (SpikingRules, the lowering's own rules).
	 */
	@Check
	public void checkSpikingStructure(Experiment experiment) {
		Network network = experiment.getNetwork();
		if (network == null || network.eIsProxy() || network.getBody() == null)
			return;
		for (SpikingRules.Refusal r : SpikingRules.check(network)) {
			String message = r.message() + " (experiment '" + experiment.getName() + "' simulates it)";
			if (r.source().eResource() == experiment.eResource())
				error(message, r.source(), r.source() instanceof Network ? Literals.NAMED__NAME : null, NOT_SPIKING);
			else
				error(message, experiment, Literals.EXPERIMENT__NETWORK, NOT_SPIKING);
		}
	}

	/**
	 * Neurons that never fire (LI, read by their membrane) have no spikes to pass on: a layer of them can only be the
	 * network's output, and the output of them is read out by its membrane, not by spike counts (SEMANTICS.md,
	 * "Leaky integrators (LI)"). Decided on the resolved network, where what each layer reads is known.
	 */
	@Check
	public void checkNeuronsWithoutSpikes(Experiment experiment) {
		Network network = experiment.getNetwork();
		if (network == null || network.eIsProxy() || network.getBody() == null)
			return;
		org.volr.net.neuron.NeuronModel run = experiment.getNeuron() == null ? NeuronModels.IF : NeuronModels.of(experiment.getNeuron().getKind());
		if (run == null || (run.spikes() && !anyLayerNeuronWithoutSpikes(network)))
			return;
		Optional<org.volr.net.ResolvedNetwork> resolvable = resolvedNetwork(network);
		if (resolvable.isEmpty())
			return; // the shape and reference checks report why
		org.volr.net.ResolvedNetwork resolved = resolvable.get();
		java.util.function.Predicate<org.volr.net.NetLayer> silent = l -> org.volr.net.SpikingLayers.hasNeurons(l)
				&& !(l.neuron() != null ? l.neuron().model() : run).spikes();
		Set<Integer> reported = new java.util.HashSet<>();
		for (org.volr.net.NetLayer layer : resolved.layers()) {
			if (org.volr.net.SpikingLayers.handsOn(layer))
				continue;
			for (org.volr.net.Source s : resolved.sourcesWithout(layer.index(), org.volr.net.SpikingLayers::handsOn))
				if (!s.isInput() && silent.test(resolved.layer(s.layer())) && reported.add(s.layer())) {
					org.volr.net.NetLayer from = resolved.layer(s.layer());
					error(from.describe() + " has " + modelOf(from, run) + " neurons, which never spike: " + layer.describe()
							+ " cannot read it (a layer of neurons without spikes can only be the network's output, read out by its membrane)",
							experiment, Literals.EXPERIMENT__NETWORK, NOT_SPIKING);
				}
		}
		List<org.volr.net.Source> out = resolved.outputWithout(org.volr.net.SpikingLayers::handsOn);
		Simulation simulation = experiment.getSimulation();
		boolean spikeReadout = simulation == null || simulation.getReadout() == org.volr.model.Readout.SPIKES;
		if (spikeReadout && out.size() == 1 && !out.get(0).isInput() && silent.test(resolved.layer(out.get(0).layer()))) {
			org.volr.net.NetLayer last = resolved.layer(out.get(0).layer());
			String message = "the output, " + last.describe() + ", has " + modelOf(last, run) + " neurons, which never spike: read it out by"
					+ " its membrane (simulate { readout membrane_max } or { readout membrane_last }), not by its spikes";
			if (simulation != null)
				error(message, simulation, Literals.SIMULATION__READOUT, BAD_VALUE);
			else
				error(message, experiment, Literals.EXPERIMENT__NETWORK, BAD_VALUE);
		}
	}

	/**
	 * Forward Euler (simulate { discretisation euler }) needs each neuron model of the run to have it, and dt below
	 * every time constant it decays by: the experiment's neuron and every layer's own.
	 */
	@Check
	public void checkDiscretisation(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		if (s == null || s.getDiscretisation() != org.volr.model.DiscretisationKind.EULER)
			return;
		double dt;
		try {
			dt = s.getDt() == null ? 1.0 : Units.toBase(s.getDt());
		} catch (IllegalArgumentException unknownUnit) {
			return; // checkSimulation reports the unit
		}
		if (!(dt > 0))
			return;
		eulerProblem(experiment.getNeuron(), null, dt, s);
		Network network = experiment.getNetwork();
		if (network == null || network.eIsProxy() || network.getBody() == null)
			return;
		try {
			for (org.volr.net.NetLayer layer : org.volr.net.NetworkResolver.resolve(org.volr.model.resolve.NetworkInliner.inline(network)).layers())
				if (layer.neuron() != null)
					eulerProblem(layer.neuron().model(), layer.neuron().written(), layer.describe(), dt, s);
		} catch (org.volr.net.ResolveException | RuntimeException notResolved) {
			// the shape and reference checks report why
		}
	}

	private void eulerProblem(NeuronModel block, String layer, double dt, Simulation s) {
		org.volr.net.neuron.NeuronModel model = block == null ? NeuronModels.IF : NeuronModels.of(block.getKind());
		if (model == null)
			return; // reported as an unknown model
		try {
			eulerProblem(model, block == null ? Map.of() : NeuronModels.written(block), layer, dt, s);
		} catch (IllegalArgumentException unknownUnit) {
			// checkNeuronParameters reports it
		}
	}

	private void eulerProblem(org.volr.net.neuron.NeuronModel model, Map<String, Double> written, String layer, double dt, Simulation s) {
		Map<String, Double> values = NeuronModels.values(model, written);
		if (!model.problems(values).isEmpty())
			return; // reported at the neuron block
		if (model.euler(values, dt) instanceof org.volr.net.neuron.TargetMapping.Refused<?> r)
			error((layer == null ? "" : layer + ": ") + r.reason(), s, Literals.SIMULATION__DISCRETISATION, BAD_VALUE);
	}

	private static String modelOf(org.volr.net.NetLayer layer, org.volr.net.neuron.NeuronModel run) {
		return (layer.neuron() != null ? layer.neuron().model() : run).name();
	}

	/** Whether a layer of this file (a network may reference others in it) has a neuron of its own that never fires. */
	private static boolean anyLayerNeuronWithoutSpikes(Network network) {
		EObject root = network.eResource() == null ? network : EcoreUtil2.getRootContainer(network);
		for (var it = root.eAllContents(); it.hasNext();)
			if (it.next() instanceof Layer layer && layer.getNeuron() != null) {
				org.volr.net.neuron.NeuronModel m = NeuronModels.of(layer.getNeuron().getKind());
				if (m != null && !m.spikes())
					return true;
			}
		return false;
	}

	/**
	 * The ANN cannot compute a recurrent network (SEMANTICS.md, "Recurrent layers"): an experiment with one neither
	 * trains nor normalises; it runs weights trained for the spiking network as they are. The rule is the resolved
	 * network's (its delayed edges), named as every consumer names it.
	 */
	@Check
	public void checkRecurrentExperiment(Experiment experiment) {
		Network network = experiment.getNetwork();
		Optional<org.volr.net.ResolvedNetwork> resolvable = resolvedNetwork(network);
		if (resolvable.isEmpty())
			return; // the shape and reference checks report why
		org.volr.net.ResolvedNetwork resolved = resolvable.get();
		if (resolved.delayed().isEmpty())
			return;
		if (experiment.getWeights() instanceof Training t && !t.isSpiking()) // checkSpikingTraining refuses the spiking one
			error(resolved.delayedEdgeRefusal("training computes the ANN, which has no recurrent layers; write 'weights npz \"...\"'"
					+ " with weights trained for the spiking network (" + String.join(", ", weightNames(resolved)) + ")"),
					experiment, Literals.EXPERIMENT__WEIGHTS, NOT_SPIKING);
		Conversion c = experiment.getConversion();
		if (c == null || c.getNormalization() != org.volr.model.Normalization.NONE)
			error(resolved.delayedEdgeRefusal("the conversion normalises on the ANN's activations, which a recurrent network has none of;"
					+ (c == null ? " add 'convert { normalize none }'" : " write 'normalize none'")), c == null ? experiment : c,
					c == null ? Literals.EXPERIMENT__NETWORK : null, NOT_SPIKING);
	}

	/** The weight keys a recurrent network reads, for messages: each layer's weights, then the delayed edges'. */
	private static List<String> weightNames(org.volr.net.ResolvedNetwork network) {
		List<String> names = new java.util.ArrayList<>();
		network.weighted().forEach(l -> names.add(l.weightKey()));
		network.delayed().forEach(e -> names.add(e.weightKey()));
		return names;
	}

	@Check
	public void checkTraining(Training t) {
		if (t.isSetEpochs() && t.getEpochs() <= 0)
			error("epochs must be positive, got " + t.getEpochs(), t, Literals.TRAINING__EPOCHS, BAD_VALUE);
		if (t.isSetBatch() && t.getBatch() <= 0)
			error("batch must be positive, got " + t.getBatch(), t, Literals.TRAINING__BATCH, BAD_VALUE);
		if (t.isSetLearningRate() && !(t.getLearningRate() > 0))
			error("learning rate must be positive, got " + t.getLearningRate(), t, Literals.TRAINING__LEARNING_RATE, BAD_VALUE);
		// cosine holds epoch e's rate r·(1 + cos(πe/E))/2 for the whole epoch: over one epoch that is r, no schedule at all
		if (t.isSetSchedule() && t.getSchedule() == org.volr.model.LearningRateSchedule.COSINE && t.getEpochs() == 1)
			warning("schedule cosine changes the learning rate from epoch to epoch; with one epoch it stays at " + t.getLearningRate()
					+ ": train for more epochs, or remove the schedule", t, Literals.TRAINING__SCHEDULE, BAD_VALUE);
		if (t.getActivation() == org.volr.model.TrainActivation.QCFS && !t.isSetLevels())
			error("qcfs needs its number of levels L (the spiking network's steps it is trained for), e.g. 'activation qcfs 8'", t,
					Literals.TRAINING__ACTIVATION, MISSING);
		else if (t.getActivation() == org.volr.model.TrainActivation.QCFS && t.getLevels() <= 0)
			error("qcfs needs a positive number of levels, got " + t.getLevels(), t, Literals.TRAINING__LEVELS, BAD_VALUE);
		else if (t.getActivation() != org.volr.model.TrainActivation.QCFS && t.isSetLevels())
			error("relu has no levels; write 'activation qcfs " + t.getLevels() + "' to quantise the hidden layers", t,
					Literals.TRAINING__LEVELS, BAD_VALUE);
	}

	/** The options of spiking training mean nothing without it. */
	@Check
	public void checkSpikingOptions(Training t) {
		if (t.isSpiking()) {
			if (t.isSetSlope() && !(t.getSlope() > 0))
				error("the surrogate's slope must be positive, got " + t.getSlope(), t, Literals.TRAINING__SLOPE, BAD_VALUE);
			return;
		}
		for (EAttribute option : List.of(Literals.TRAINING__SURROGATE, Literals.TRAINING__LOSS))
			if (t.eIsSet(option))
				error(option.getName() + " is an option of spiking training: add 'spiking' to the train block, or remove it", t, option, BAD_VALUE);
	}

	/**
	 * Spiking training (train { spiking }) trains what the simulator runs, as it runs it (SEMANTICS.md, "Training spiking
	 * networks"): no conversion, and only what the trainer follows so far; the rest is refused here by name.
	 */
	@Check
	public void checkSpikingTraining(Experiment experiment) {
		if (!(experiment.getWeights() instanceof Training t) || !t.isSpiking())
			return;
		String trained = " (experiment '" + experiment.getName() + "' trains its spiking network directly)";
		checkSpikingConversion(experiment.getConversion(), t, trained);
		if (t.getActivation() == org.volr.model.TrainActivation.QCFS)
			error("qcfs is an activation of ANN training; spiking training has none" + trained, t, Literals.TRAINING__ACTIVATION, BAD_VALUE);
		Simulation s = experiment.getSimulation();
		boolean membrane = t.isSetLoss() && t.getLoss() == org.volr.model.SpikeLoss.MEMBRANE;
		org.volr.model.Readout readout = s == null ? org.volr.model.Readout.SPIKES : s.getReadout();
		if (membrane && readout != org.volr.model.Readout.INTEGRATED)
			error("loss membrane trains the output's summed input current, which the integrated readout reads: add simulate { readout integrated }"
					+ trained, t, Literals.TRAINING__LOSS, BAD_VALUE);
		else if (!membrane && readout != org.volr.model.Readout.SPIKES)
			error("loss " + (t.isSetLoss() ? t.getLoss() : org.volr.model.SpikeLoss.COUNTS).getLiteral()
					+ " trains the output's spike counts, which the readout spikes reads, not " + readout.getLiteral()
					+ " (or train with 'loss membrane' for readout integrated)" + trained, t, Literals.TRAINING__LOSS, BAD_VALUE);
		if (s != null)
			checkSpikingSimulation(s, trained);
		Network network = experiment.getNetwork();
		Optional<org.volr.net.ResolvedNetwork> resolvable = resolvedNetwork(network);
		if (resolvable.isEmpty())
			return; // the shape and reference checks report why
		org.volr.net.ResolvedNetwork resolved = resolvable.get();
		String refusal = org.volr.net.SpikingTraining.refusal(resolved);
		if (refusal != null) {
			error(refusal + trained, experiment, Literals.EXPERIMENT__WEIGHTS, NOT_SPIKING);
			return;
		}
		org.volr.net.neuron.NeuronModel run = experiment.getNeuron() == null ? NeuronModels.IF : NeuronModels.of(experiment.getNeuron().getKind());
		if (run == null)
			return; // checkNeuronParameters names the unknown model
		List<org.volr.net.NetLayer> dense = org.volr.net.SpikingTraining.denseLayers(resolved);
		for (int l = 0; l < dense.size(); l++) {
			org.volr.net.NetLayer layer = dense.get(l);
			boolean output = l == dense.size() - 1;
			org.volr.net.neuron.NeuronModel model = layer.neuron() != null ? layer.neuron().model() : run;
			String problem = org.volr.net.SpikingTraining.neuronRefusal(layer, model, output, membrane);
			if (problem == null && !(output && membrane))
				problem = unfollowedParameter(layer.neuron() != null ? layer.neuron().written() : writtenParameters(experiment.getNeuron()), layer);
			if (problem != null)
				error(problem + trained, experiment, Literals.EXPERIMENT__WEIGHTS, NOT_SPIKING);
		}
	}

	/**
	 * A convert block beside spiking training: it converts the weights a fine-tune starts from (train { spiking, from
	 * ... }); without a start there is no ANN, and the block may only set the reset (normalize none). What the trainer
	 * does not follow is refused by name.
	 */
	private void checkSpikingConversion(Conversion c, Training t, String trained) {
		if (c == null)
			return;
		if (t.getStart() == null && c.getNormalization() != org.volr.model.Normalization.NONE)
			error("a network trained as a spiking network from random weights has no ANN to convert: write convert { normalize none, reset ... }"
					+ " to set only its reset, or fine-tune a converted ANN with train { spiking, from npz \"...\" }" + trained, c, null, BAD_VALUE);
		if (c.getInit() == org.volr.model.InitialPotential.HALF)
			error("spiking training starts every membrane at zero, not at half the threshold: remove 'init half'" + trained, c,
					Literals.CONVERSION__INIT, BAD_VALUE);
		if (c.getCalibration() != null)
			error("spiking training does not follow a calibration for few steps yet: remove 'calibrate for ...' (the fine-tune trains for the"
					+ " simulation's steps)" + trained, c, Literals.CONVERSION__CALIBRATION, BAD_VALUE);
		if (c.getReset() == org.volr.model.ResetMode.MODULO)
			error("spiking training resets by subtraction or to zero, not modulo" + trained, c, Literals.CONVERSION__RESET, BAD_VALUE);
	}

	/** The simulation options spiking training does not follow yet, by name. */
	private void checkSpikingSimulation(Simulation s, String trained) {
		String not = "spiking training does not follow ";
		if (s.getInput() != null && s.getInput().getKind() != org.volr.model.EncodingKind.CONSTANT)
			error(not + s.getInput().getKind().getLiteral() + " input yet, only input constant" + trained, s.getInput(), null, BAD_VALUE);
		if (s.isSetDelay() && s.getDelay() != 0)
			error(not + "a synaptic delay yet" + trained, s, Literals.SIMULATION__DELAY, BAD_VALUE);
		if (s.isSetClamp() || !s.getLayerClamps().isEmpty())
			error(not + "a clamp yet" + trained, s, Literals.SIMULATION__CLAMP, BAD_VALUE);
		if (s.isAdaptiveThreshold())
			error(not + "an adaptive threshold yet" + trained, s, Literals.SIMULATION__ADAPTIVE_THRESHOLD, BAD_VALUE);
		if (s.isBiasRelaxation())
			error(not + "bias relaxation yet" + trained, s, Literals.SIMULATION__BIAS_RELAXATION, BAD_VALUE);
		if (s.isPayloads())
			error(not + "spikes with payloads yet" + trained, s, Literals.SIMULATION__PAYLOADS, BAD_VALUE);
		if (!s.getClips().isEmpty())
			error(not + "a membrane clip yet" + trained, s, Literals.SIMULATION__CLIPS, BAD_VALUE);
	}

	private static Map<String, Double> writtenParameters(NeuronModel neuron) {
		Map<String, Double> written = new HashMap<>();
		if (neuron != null)
			for (Parameter p : neuron.getParams())
				if (p.getValue() != null)
					written.put(p.getName(), p.getValue().getValue());
		return written;
	}

	/** A refractory period or a lower bound of the membrane, which the trainer does not follow yet; null when neither is written. */
	private static String unfollowedParameter(Map<String, Double> written, org.volr.net.NetLayer layer) {
		if (written.getOrDefault("tau_refrac", 0.0) > 0)
			return "spiking training does not follow a refractory period yet (" + layer.describe() + "); set tau_refrac 0";
		if (written.containsKey("v_min"))
			return "spiking training does not follow a lower bound of the membrane (v_min) yet (" + layer.describe() + ")";
		return null;
	}

	/**
	 * QCFS replaces the relu of the hidden dense and convolution layers; a network where a relu would stay unquantised,
	 * or with no such layer, is refused by the rule every consumer applies (org.volr.net.QcfsLayers).
	 */
	@Check
	public void checkQcfsTraining(Experiment experiment) {
		Network network = experiment.getNetwork();
		if (!(experiment.getWeights() instanceof Training t) || t.getActivation() != org.volr.model.TrainActivation.QCFS || network == null
				|| network.eIsProxy() || network.getBody() == null)
			return;
		String refusal;
		try {
			refusal = org.volr.net.QcfsLayers.refusal(org.volr.net.NetworkResolver.resolve(org.volr.model.resolve.NetworkInliner.inline(network)));
		} catch (org.volr.net.ResolveException | RuntimeException e) {
			return; // the shape checks report why it does not resolve
		}
		if (refusal != null)
			error(refusal + " (experiment '" + experiment.getName() + "' trains it with qcfs)", t, Literals.TRAINING__ACTIVATION, NOT_SPIKING);
	}

	/**
	 * Calibration under {@code channelwise} gives every channel its own λ, which a QCFS layer's one learnt clip cannot
	 * follow (SEMANTICS.md, "QCFS activation"): the conversion would refuse it, so the check does first.
	 */
	@Check
	public void checkCalibratedQcfs(Experiment experiment) {
		Conversion c = experiment.getConversion();
		if (c == null || c.getCalibration() == null || !c.isChannelwise() || !(experiment.getWeights() instanceof Training t)
				|| t.getActivation() != org.volr.model.TrainActivation.QCFS)
			return;
		error("calibrate with channelwise gives every channel its own threshold, but the QCFS layers experiment '" + experiment.getName()
				+ "' trains have one learnt clip per layer; remove channelwise, or calibrate (the learnt clip is the scale QCFS chose for"
				+ " its levels)", c, Literals.CONVERSION__CHANNELWISE, BAD_VALUE);
	}

	@Check
	public void checkDataSource(DataSource d) {
		if (d.isSetLimit() && d.getLimit() <= 0)
			error("limit must be positive, got " + d.getLimit(), d, Literals.DATA_SOURCE__LIMIT, BAD_VALUE);
		if (d.isSetScale() && !(d.getScale() > 0))
			error("scale must be positive, got " + d.getScale(), d, Literals.DATA_SOURCE__SCALE, BAD_VALUE);
		checkFileExists(d, d.getPath(), Literals.DATA_SOURCE__PATH);
		checkStandardisation(d);
	}

	/**
	 * mean and std give one value for every channel or one per channel; the channel count is known here when the
	 * experiment's network takes images ([C, H, W]), else when the data is read.
	 */
	private void checkStandardisation(DataSource d) {
		for (int i = 0; i < d.getStd().size(); i++)
			if (!(d.getStd().get(i) > 0))
				error("std must be positive, got " + d.getStd().get(i), d, Literals.DATA_SOURCE__STD, i, BAD_VALUE);
		int means = d.getMean().size(), stds = d.getStd().size();
		if (means > 1 && stds > 1 && means != stds)
			error("mean has " + means + " values but std has " + stds + "; give one value, or one per channel, to each",
					d, Literals.DATA_SOURCE__STD, BAD_VALUE);
		Experiment experiment = EcoreUtil2.getContainerOfType(d, Experiment.class);
		Network network = experiment == null || experiment.getNetwork() == null || experiment.getNetwork().eIsProxy() ? null
				: experiment.getNetwork();
		if (network == null)
			return;
		NetType type = ShapeInference.of(network).typeOf(network);
		if (type == null || type.in() == null || type.in().rank() < 2)
			return;
		int channels = type.in().dim(0);
		for (var list : List.of(Map.entry(Literals.DATA_SOURCE__MEAN, means), Map.entry(Literals.DATA_SOURCE__STD, stds)))
			if (list.getValue() > 1 && list.getValue() != channels)
				error(list.getKey().getName() + " has " + list.getValue() + " values but network '" + network.getName() + "' takes "
						+ channels + (channels == 1 ? " channel " : " channels ") + type.in() + "; give one value, or one per channel",
						d, list.getKey(), BAD_VALUE);
	}

	@Check
	public void checkImportedWeights(ImportedWeights w) {
		checkFileExists(w, w.getPath(), Literals.IMPORTED_WEIGHTS__PATH);
	}

	/** Paths are relative to the .volr file; a missing one is a warning because a run may produce it first. */
	private void checkFileExists(EObject owner, String path, EAttribute feature) {
		if (path == null || path.isEmpty()) {
			error("empty path", owner, feature, BAD_VALUE);
			return;
		}
		URI uri = owner.eResource() == null ? null : owner.eResource().getURI();
		if (uri == null || !uri.isFile())
			return;
		File base = new File(uri.toFileString()).getAbsoluteFile().getParentFile();
		File file = new File(path).isAbsolute() ? new File(path) : new File(base, path);
		if (!file.exists())
			warning("'" + path + "' does not exist (looked for " + file.getPath() + ")", owner, feature, MISSING_FILE);
	}

	@Check
	public void checkConversion(Conversion c) {
		if (c.isSetPercentile() && (c.getPercentile() <= 0 || c.getPercentile() > 100))
			error("percentile must be in (0, 100], got " + c.getPercentile(), c, Literals.CONVERSION__PERCENTILE, BAD_VALUE);
		if (c.isSetSamples() && c.getSamples() <= 0)
			error("samples must be positive, got " + c.getSamples(), c, Literals.CONVERSION__SAMPLES, BAD_VALUE);
		Quantity steps = c.getCalibration();
		if (steps == null)
			return;
		if (steps.getUnit() != null && Units.dimensionOf(steps.getUnit()).orElse(null) != Dimension.STEPS)
			error("calibrate for expects a number of steps ('calibrate for 8 steps'), got " + describe(steps), steps, Literals.QUANTITY__UNIT,
					WRONG_UNIT);
		else if (!(steps.getValue() >= 1 && steps.getValue() <= MAX_CALIBRATION_STEPS && steps.getValue() == Math.rint(steps.getValue())))
			error("calibrate for expects a whole number of steps from 1 to " + MAX_CALIBRATION_STEPS + ", got " + describe(steps), steps,
					Literals.QUANTITY__VALUE, BAD_VALUE);
		// calibration chooses λ from the activations, which 'normalize none' does not look at
		if (c.getNormalization() == org.volr.model.Normalization.NONE)
			error("calibrate for chooses every layer's threshold from its activations on the samples, but 'normalize none' keeps the weights"
					+ " as they are; remove one of the two", c, Literals.CONVERSION__CALIBRATION, BAD_VALUE);
	}

	/** The most steps a conversion calibrates for: calibration is for few steps, and its grid of thresholds does not need more. */
	public static final int MAX_CALIBRATION_STEPS = 10_000;

	/**
	 * The integrated readout sums the output layer's input current, weights times spikes plus bias; a CobaLIF output
	 * takes its input as conductances, whose current depends on the membrane: refused by name (SEMANTICS.md, "Readout").
	 */
	@Check
	public void checkIntegratedReadout(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		Network network = experiment.getNetwork();
		if (s == null || s.getReadout() != org.volr.model.Readout.INTEGRATED || network == null || network.eIsProxy() || network.getBody() == null)
			return;
		org.volr.net.neuron.NeuronModel run = experiment.getNeuron() == null ? NeuronModels.IF : NeuronModels.of(experiment.getNeuron().getKind());
		if (run == null)
			return; // checkNeuronParameters names the unknown model
		Optional<org.volr.net.ResolvedNetwork> resolvable = resolvedNetwork(network);
		if (resolvable.isEmpty())
			return; // the shape and reference checks report why
		org.volr.net.ResolvedNetwork resolved = resolvable.get();
		List<org.volr.net.Source> out = resolved.outputWithout(org.volr.net.SpikingLayers::handsOn);
		if (out.size() != 1 || out.get(0).isInput())
			return;
		org.volr.net.NetLayer last = resolved.layer(out.get(0).layer());
		org.volr.net.neuron.NeuronModel model = last.neuron() != null ? last.neuron().model() : run;
		if (model.isConductanceBased())
			error("the integrated readout sums the output's input current (weights times spikes plus bias), but " + last.describe() + " has "
					+ model.name() + " neurons, whose input opens conductances; read it out by spikes or membrane_max", s,
					Literals.SIMULATION__READOUT, BAD_VALUE);
	}

	@Check
	public void checkNeuronParameters(NeuronModel neuron) {
		org.volr.net.neuron.NeuronModel model = NeuronModels.of(neuron.getKind());
		if (model == null) {
			error("unknown neuron model '" + neuron.getKind() + "'; expected one of " + String.join(", ", NeuronModels.names()), neuron,
					Literals.NEURON_MODEL__KIND, UNKNOWN_NEURON_MODEL);
			return;
		}
		Map<String, ParameterSpec> specs = model.parameters();
		Map<String, Double> written = new java.util.HashMap<>();
		Map<String, Parameter> given = new java.util.HashMap<>();
		for (Parameter p : neuron.getParams()) {
			ParameterSpec spec = specs.get(p.getName());
			if (spec == null && NeuronModels.NOT_SIMULATED.containsKey(p.getName())) {
				error(p.getName() + ": " + NeuronModels.NOT_SIMULATED.get(p.getName()), p, Literals.PARAMETER__NAME, UNKNOWN_PARAMETER);
				continue;
			}
			if (spec == null) {
				error("'" + p.getName() + "' is not a parameter of " + model.name() + "; expected one of " + String.join(", ", specs.keySet()), p,
						Literals.PARAMETER__NAME, UNKNOWN_PARAMETER);
				continue;
			}
			checkQuantity(p.getValue(), p.getName(), spec.dimension(), spec.allowPlainNumber());
			if (spec.dimension() == Dimension.TIME && p.getValue() != null && p.getValue().getValue() < 0)
				error(p.getName() + " must not be negative, got " + p.getValue().getValue(), p.getValue(),
						Literals.QUANTITY__VALUE, BAD_VALUE);
			if (p.getName().equals("tau_m") && p.getValue() != null && p.getValue().getValue() <= 0)
				error("tau_m must be positive, got " + p.getValue().getValue(), p.getValue(), Literals.QUANTITY__VALUE, BAD_VALUE);
			if (p.getValue() != null) {
				try {
					written.put(p.getName(), Units.toBase(p.getValue()));
					given.put(p.getName(), p);
				} catch (IllegalArgumentException unknownUnit) {
					// checkQuantity has reported the unit; the model's rules are checked on the values that have one
				}
			}
		}
		// the combinations the model refuses (the simulator's discretisation relies on them)
		for (ParameterProblem problem : model.problems(NeuronModels.values(model, written)))
			error(problem.message(), where(neuron, given, problem.parameter()), null, BAD_VALUE);
	}

	/** The parameter to mark, or the neuron block when the value is a default. */
	private static EObject where(NeuronModel neuron, Map<String, Parameter> given, String name) {
		return given.containsKey(name) ? given.get(name) : neuron;
	}

	@Check
	public void checkSimulation(Simulation s) {
		if (s.getDuration() != null) {
			Quantity d = s.getDuration();
			Optional<Dimension> dim = Units.dimensionOf(d.getUnit());
			if (dim.isEmpty() || (dim.get() != Dimension.TIME && dim.get() != Dimension.STEPS))
				error("duration expects a time (s, ms, us) or a number of steps ('100 steps'), got "
						+ describe(d), d, Literals.QUANTITY__UNIT, WRONG_UNIT);
			else if (d.getValue() <= 0)
				error("duration must be positive, got " + d.getValue(), d, Literals.QUANTITY__VALUE, BAD_VALUE);
			else
				checkStepCount(s, d, dim.get() == Dimension.STEPS);
		}
		if (s.getDt() != null) {
			checkQuantity(s.getDt(), "dt", Dimension.TIME, false);
			if (s.getDt().getValue() <= 0)
				error("dt must be positive, got " + s.getDt().getValue(), s.getDt(), Literals.QUANTITY__VALUE, BAD_VALUE);
		}
		if (s.isSetBatch() && s.getBatch() <= 0)
			error("batch must be positive, got " + s.getBatch(), s, Literals.SIMULATION__BATCH, BAD_VALUE);
	}

	/**
	 * {@code sweep { percentile 99, 99.9; steps 25, 50 }}: each name one the experiment can vary (SweepAxes), once, with
	 * at least one value, each value one it takes; what volr sweep runs when its command line gives no grid.
	 */
	@Check
	public void checkSweep(org.volr.model.Sweep sweep) {
		if (!(sweep.eContainer() instanceof Experiment experiment))
			return;
		if (sweep.getAxes().isEmpty()) {
			error("the sweep names no parameter; e.g. sweep { percentile 99, 99.9; steps 25, 50 }", sweep, null, MISSING);
			return;
		}
		List<String> allowed = org.volr.lang.api.SweepAxes.allowed(experiment);
		Set<String> seen = new java.util.HashSet<>();
		for (org.volr.model.SweepAxis axis : sweep.getAxes()) {
			String name = axis.getName();
			if (!allowed.contains(name)) {
				error("unknown sweep parameter '" + name + "'; experiment " + experiment.getName() + " can vary " + String.join(", ", allowed), axis,
						Literals.SWEEP_AXIS__NAME, UNKNOWN_PARAMETER);
				continue;
			}
			if (!seen.add(name))
				error("sweep parameter '" + name + "' is given twice", axis, Literals.SWEEP_AXIS__NAME, DUPLICATE_OPTION);
			if (axis.getValues().isEmpty())
				error("sweep parameter '" + name + "' has no values; e.g. " + name + " " + (name.equals("percentile") ? "99, 99.9" : "1, 2"), axis,
						Literals.SWEEP_AXIS__NAME, MISSING);
			for (int i = 0; i < axis.getValues().size(); i++) {
				double v = axis.getValues().get(i);
				String problem = org.volr.lang.api.SweepAxes.problem(experiment, name, v);
				if (problem != null)
					error(name + " takes " + problem + ", got " + (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v)), axis,
							Literals.SWEEP_AXIS__VALUES, i, BAD_VALUE);
			}
		}
	}

	/** Event input plays recordings of an event camera: the experiment's data must be such recordings. */
	@Check
	public void checkEventInput(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		boolean eventInput = s != null && s.getInput() != null && s.getInput().getKind() == org.volr.model.EncodingKind.EVENTS;
		DataSource data = experiment.getData();
		boolean eventData = data != null && (data.getFormat() == org.volr.model.DataFormat.NMNIST
				|| data.getFormat() == org.volr.model.DataFormat.AEDAT);
		if (eventInput && data != null && !eventData)
			error("input events plays recordings of an event camera; the experiment's data is " + data.getFormat().getLiteral()
					+ " (use data nmnist \"FOLDER\" or data aedat \"FOLDER\": class folders 0, 1, ... of recordings)",
					s.getInput(), Literals.INPUT_ENCODING__KIND, BAD_VALUE);
		if (eventData && s != null && s.getInput() != null && s.getInput().getKind() == org.volr.model.EncodingKind.POISSON)
			error("event recordings are spikes already; use input events (or constant: the spikes per step as a current)",
					s.getInput(), Literals.INPUT_ENCODING__KIND, BAD_VALUE);
	}

	/**
	 * Spike-train input reads every sample's spikes, step by step, from an array of 0 and 1 ([samples, steps,
	 * inputs...]): the data must be such an array (npz or hdf5), taken as it is (no scaling, standardisation or
	 * channel reordering of spikes). The array's shape, steps and values are checked when the run opens it.
	 */
	@Check
	public void checkSpikeTrainInput(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		DataSource data = experiment.getData();
		if (s == null || s.getInput() == null || s.getInput().getKind() != org.volr.model.EncodingKind.SPIKES || data == null)
			return;
		if (data.getFormat() != org.volr.model.DataFormat.NPZ && data.getFormat() != org.volr.model.DataFormat.HDF5) {
			error("input spikes reads spike trains from an array [samples, steps, inputs...] of 0 and 1; the experiment's data is "
					+ data.getFormat().getLiteral() + " (use data npz \"FILE\" with arrays x and y, or data hdf5"
					+ (data.getFormat() == org.volr.model.DataFormat.NMNIST || data.getFormat() == org.volr.model.DataFormat.AEDAT
							? "; recordings of an event camera are played with input events)" : ")"),
					s.getInput(), Literals.INPUT_ENCODING__KIND, BAD_VALUE);
			return;
		}
		String why = " is not applied to spike trains (input spikes takes the 0 and 1 of the data as they are): remove it";
		if (data.isSetScale())
			error("scale" + why, data, Literals.DATA_SOURCE__SCALE, BAD_VALUE);
		if (!data.getMean().isEmpty())
			error("mean" + why, data, Literals.DATA_SOURCE__MEAN, BAD_VALUE);
		if (!data.getStd().isEmpty())
			error("std" + why, data, Literals.DATA_SOURCE__STD, BAD_VALUE);
		if (data.isSetChannelOrder())
			error(data.getChannelOrder().getLiteral() + why + " (the array is [samples, steps, inputs...], inputs in the network's order)",
					data, Literals.DATA_SOURCE__CHANNEL_ORDER, BAD_VALUE);
	}

	/**
	 * Poisson input spikes with probability x · rate · dt, which cannot express a negative x: data standardised with
	 * a positive mean has negative values (every pixel below the mean), which the run would refuse after training.
	 */
	@Check
	public void checkPoissonData(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		DataSource data = experiment.getData();
		if (s == null || s.getInput() == null || s.getInput().getKind() != org.volr.model.EncodingKind.POISSON || data == null)
			return;
		if (data.getMean().stream().anyMatch(m -> m > 0))
			error("Poisson input cannot express standardised data: (x − mean)/std is negative wherever x is below the mean;"
					+ " remove mean and std, or use input constant", data, Literals.DATA_SOURCE__MEAN, BAD_VALUE);
	}

	/** A data format the grammar names but no reader reads yet is refused here rather than when the run opens it. */
	@Check
	public void checkDataFormatIsRead(DataSource d) {
		if (d.getFormat() == org.volr.model.DataFormat.JSON)
			error("json data is not read yet; write it as .npz (numpy.savez(\"d.npz\", x=..., y=...)) and use data npz",
					d, Literals.DATA_SOURCE__FORMAT, BAD_VALUE);
	}

	/**
	 * The simulation runs a whole number of steps that a Java int can count: 'duration 2.5 steps' has no meaning,
	 * and 'duration 1e308 steps' used to wrap around to -1 steps when the run converted it.
	 */
	private void checkStepCount(Simulation s, Quantity d, boolean inSteps) {
		double dtMs = s.getDt() != null && Units.dimensionOf(s.getDt().getUnit()).orElse(null) == Dimension.TIME
				&& s.getDt().getValue() > 0 ? Units.toBase(s.getDt()) : 1.0;
		double steps = inSteps ? d.getValue() : Units.toBase(d) / dtMs;
		if (inSteps && steps != Math.rint(steps))
			error("duration in steps must be a whole number, got " + describe(d), d, Literals.QUANTITY__VALUE, BAD_VALUE);
		else if (Math.round(steps) > Integer.MAX_VALUE)
			error("duration " + describe(d) + " is too long: " + (inSteps ? "" : formatNumber(steps) + " steps of "
					+ formatNumber(dtMs) + " ms; ") + "at most " + Integer.MAX_VALUE + " steps", d, Literals.QUANTITY__VALUE,
					BAD_VALUE);
	}

	/**
	 * The SNN Toolbox's options of a simulation (SEMANTICS.md): clips with low < high, each given once; per-layer
	 * clips and clamps name a layer with neurons of the experiment's network; payloads with a reset and a neuron
	 * they can work with.
	 */
	@Check
	public void checkInisimOptions(Experiment experiment) {
		Simulation s = experiment.getSimulation();
		if (s == null)
			return;
		Network network = experiment.getNetwork() == null || experiment.getNetwork().eIsProxy() ? null : experiment.getNetwork();
		Set<String> clipped = new java.util.HashSet<>();
		for (MembraneClip c : s.getClips()) {
			if (!(c.getLow() < c.getHigh()))
				error("clip needs its lower bound below its upper bound, got [" + formatNumber(c.getLow()) + ", " + formatNumber(c.getHigh()) + "]",
						c, Literals.MEMBRANE_CLIP__HIGH, BAD_VALUE);
			String key = c.getLayer() == null ? "" : c.getLayer();
			if (!clipped.add(key))
				error(c.getLayer() == null ? "clip for all layers is given twice" : "clip of layer '" + c.getLayer() + "' is given twice",
						c, c.getLayer() == null ? Literals.MEMBRANE_CLIP__LOW : Literals.MEMBRANE_CLIP__LAYER, DUPLICATE_OPTION);
			if (c.getLayer() != null)
				checkLayerWithNeurons(network, c.getLayer(), "clip", c, Literals.MEMBRANE_CLIP__LAYER);
		}
		Set<String> clamped = new java.util.HashSet<>();
		for (LayerClamp c : s.getLayerClamps()) {
			if (c.getSteps() < 0)
				error("clamp steps must not be negative, got " + c.getSteps(), c, Literals.LAYER_CLAMP__STEPS, BAD_VALUE);
			if (!clamped.add(c.getLayer()))
				error("clamp of layer '" + c.getLayer() + "' is given twice", c, Literals.LAYER_CLAMP__LAYER, DUPLICATE_OPTION);
			checkLayerWithNeurons(network, c.getLayer(), "clamp", c, Literals.LAYER_CLAMP__LAYER);
		}
		if (s.isPayloads()) {
			if (experiment.getConversion() != null && experiment.getConversion().getReset() == ResetMode.MODULO)
				error("payloads reset the membrane to zero and send the residual on with the spike; they cannot be combined with reset modulo"
						+ " (use reset subtract or zero)", s, Literals.SIMULATION__PAYLOADS, BAD_VALUE);
			if (experiment.getNeuron() != null && NeuronModels.of(experiment.getNeuron().getKind()) != null
					&& NeuronModels.of(experiment.getNeuron().getKind()).isConductanceBased())
				error("payloads need IF, LIF or CubaLIF neurons: a CobaLIF synapse cannot open a conductance by a payload's (1 + p)·w",
						s, Literals.SIMULATION__PAYLOADS, BAD_VALUE);
		}
	}

	/** A label a simulation option names must be a layer of the network that has neurons (dense, convolution, average pooling). */
	private void checkLayerWithNeurons(Network network, String label, String option, EObject where, EStructuralFeature feature) {
		if (network == null)
			return;
		List<String> labels = new java.util.ArrayList<>();
		Layer found = null;
		for (var it = network.eAllContents(); it.hasNext();)
			if (it.next() instanceof Layer layer && layer.getLabel() != null) {
				labels.add(layer.getLabel());
				if (layer.getLabel().equals(label))
					found = layer;
			}
		if (found == null) {
			error(option + ": network '" + network.getName() + "' has no layer labelled '" + label + "'"
					+ (labels.isEmpty() ? "; label a layer ('fc2: dense 10') to name it" : "; its labels are " + String.join(", ", labels)),
					where, feature, BAD_VALUE);
		} else if (!hasNeurons(found)) {
			error(option + ": layer '" + label + "' (" + found.eClass().getName().toLowerCase() + ") has no neurons; " + option
					+ " applies to dense, convolution, average and sum pooling layers", where, feature, BAD_VALUE);
		}
	}

	private static boolean hasNeurons(Layer layer) {
		if (layer instanceof Dense || layer instanceof Conv)
			return true;
		if (layer instanceof Pool pool)
			return pool.getKind() != PoolKind.MAX2D && pool.getKind() != PoolKind.MAX1D;
		return layer instanceof GlobalPool g && g.getOp() == PoolOp.AVG;
	}

	@Check
	public void checkInputEncoding(InputEncoding in) {
		switch (in.getKind()) {
		case POISSON -> {
			if (in.getRate() == null)
				error("poisson input needs a maximum rate, e.g. 'input poisson 1000 Hz'", in, Literals.INPUT_ENCODING__KIND, MISSING);
			else {
				checkQuantity(in.getRate(), "the poisson rate", Dimension.FREQUENCY, false);
				if (in.getRate().getValue() <= 0)
					error("the poisson rate must be positive, got " + in.getRate().getValue(), in.getRate(),
							Literals.QUANTITY__VALUE, BAD_VALUE);
			}
		}
		default -> {
			if (in.getRate() != null)
				error("'" + in.getKind().getLiteral() + "' input takes no rate; only poisson input has one", in.getRate(),
						Literals.QUANTITY__VALUE, BAD_VALUE);
		}
		}
	}

	private void checkQuantity(Quantity q, String what, Dimension expected, boolean plainAllowed) {
		if (q == null)
			return;
		Optional<Dimension> dim = Units.dimensionOf(q.getUnit());
		if (dim.isEmpty()) {
			error("unknown unit '" + q.getUnit() + "' for " + what + "; expected " + expected.description() + " in "
					+ String.join(", ", expected.units()), q, Literals.QUANTITY__UNIT, WRONG_UNIT);
		} else if (dim.get() == Dimension.DIMENSIONLESS) {
			if (!plainAllowed)
				error(what + " needs a unit: " + expected.description() + " in " + String.join(", ", expected.units())
						+ " (e.g. '" + formatNumber(q.getValue()) + " " + expected.units().get(1 % expected.units().size()) + "')",
						q, Literals.QUANTITY__VALUE, WRONG_UNIT);
		} else if (dim.get() != expected) {
			error(what + " expects " + expected.description() + " (" + String.join(", ", expected.units()) + "), got "
					+ describe(q) + ", which is " + dim.get().description(), q, Literals.QUANTITY__UNIT, WRONG_UNIT);
		}
	}

	private static String describe(Quantity q) {
		return "'" + formatNumber(q.getValue()) + (q.getUnit() == null ? "'" : " " + q.getUnit() + "'");
	}

	private static String formatNumber(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Check
	public void checkTarget(Target target) {
		Map<String, Map<String, Set<String>>> installed = TargetCatalog.installed();
		if (installed.isEmpty())
			return; // no generator here to judge by (a plain JVM, a runtime without target bundles)
		Map<String, Set<String>> options = installed.get(target.getName());
		if (options == null) {
			error("unknown target '" + target.getName() + "'; expected one of " + String.join(", ", installed.keySet()),
					target, Literals.TARGET__NAME, UNKNOWN_TARGET);
			return;
		}
		for (TargetOption o : target.getOptions()) {
			Set<String> values = options.get(o.getKey());
			if (values == null) {
				error(target.getName() + " has no option '" + o.getKey() + "'"
						+ (options.isEmpty() ? "; it takes none" : "; expected one of " + String.join(", ", new TreeSet<>(options.keySet()))),
						o, Literals.TARGET_OPTION__KEY, UNKNOWN_TARGET);
			} else if (values.isEmpty() && o.getValue() != null) {
				error("'" + o.getKey() + "' is a flag and takes no value", o, Literals.TARGET_OPTION__VALUE, BAD_VALUE);
			} else if (!values.isEmpty() && o.getValue() == null) {
				error("'" + o.getKey() + "' needs a value", o, Literals.TARGET_OPTION__KEY, MISSING);
			} else if (!values.isEmpty() && !values.contains("*") && !values.contains(o.getValue())) {
				error("'" + o.getValue() + "' is not a " + o.getKey() + " of " + target.getName() + "; expected one of "
						+ String.join(", ", new TreeSet<>(values)), o, Literals.TARGET_OPTION__VALUE, BAD_VALUE);
			}
		}
	}

	/** Labels name weights and diagram nodes, so two layers of one network must not share one. */
	@Check
	public void checkUniqueLabels(Network network) {
		Map<String, Layer> seen = new HashMap<>();
		for (java.util.Iterator<EObject> it = network.eAllContents(); it.hasNext();) {
			if (it.next() instanceof Layer layer && layer.getLabel() != null) {
				Layer first = seen.putIfAbsent(layer.getLabel(), layer);
				if (first != null)
					error("label '" + layer.getLabel() + "' is used twice in network '" + network.getName()
							+ "'; labels name weights, so they must be unique", layer, Literals.LAYER__LABEL, DUPLICATE_NAME);
			}
		}
	}

	/**
	 * The network as the simulator, trainer and generators read it, or empty when it is missing or does not resolve:
	 * the shape and reference checks report why, so the checks that need it stay silent then.
	 */
	private static Optional<org.volr.net.ResolvedNetwork> resolvedNetwork(Network network) {
		if (network == null || network.eIsProxy() || network.getBody() == null)
			return Optional.empty();
		try {
			return Optional.of(org.volr.net.NetworkResolver.resolve(org.volr.model.resolve.NetworkInliner.inline(network)));
		} catch (org.volr.net.ResolveException | RuntimeException notResolved) {
			return Optional.empty();
		}
	}
}
