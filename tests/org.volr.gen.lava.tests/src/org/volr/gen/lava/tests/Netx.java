package org.volr.gen.lava.tests;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.lava.LavaTarget;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.Encoding;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.pipeline.GenerationSettings;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

/** Shared fixtures: networks, inputs, generation, and reading a netx file back with jhdf. */
final class Netx {
	static final int STEPS = 40;
	static final NeuronSpec IF = new NeuronSpec(NeuronModels.IF, 1f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);

	/** Generated files stay in target/lava-out for inspection (surefire sets volr.lava.out). */
	static final Path OUT = Path.of(System.getProperty("volr.lava.out", "target/lava-out"));

	private Netx() {
	}

	static Network network(String text) {
		return (Network) VolrLanguage.create().parse(text).getElements().get(0);
	}

	static float[] uniform(Random r, int n, float lo, float hi) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = lo + (hi - lo) * r.nextFloat();
		return a;
	}

	static GenerationInput input(Network n, WeightStore w, NeuronSpec neuron, Map<String, String> options) {
		return input(n, w, config(neuron), options);
	}

	static GenerationInput input(Network n, WeightStore w, SimulationConfig c, Map<String, String> options) {
		return new GenerationInput(n.getName() + ".volr", "test", n, w, GenerationSettings.of(c, 1.0), options, null);
	}

	static SimulationConfig config(NeuronSpec neuron) {
		return new SimulationConfig(STEPS, Encoding.CONSTANT, 0, neuron, 1, 64, 1);
	}

	/** The network as Volr's simulator runs it, to compare the generated blocks with. */
	static org.volr.sim.SpikingNetwork lowered(GenerationInput input) {
		try {
			return org.volr.sim.SpikingNetwork.lower(input.model(), input.resolved(), input.weights());
		} catch (org.volr.sim.LoweringException e) {
			throw new AssertionError(e.getMessage(), e);
		}
	}

	static GeneratedFiles generate(GenerationInput input, String dir) throws java.io.IOException {
		return new LavaTarget().generate(input, OUT.resolve(dir));
	}

	static Path testdata(String name) {
		return Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "lava", name);
	}

	static double maxAbs(float[] a) {
		double m = 0;
		for (float x : a)
			m = Math.max(m, Math.abs(x));
		return m;
	}

	static Dataset dataset(HdfFile f, String path) {
		return f.getDatasetByPath(path);
	}

	static long scalar(HdfFile f, String path) {
		return ((Number) f.getDatasetByPath(path).getData()).longValue();
	}

	static long[] longs(HdfFile f, String path) {
		return (long[]) f.getDatasetByPath(path).getData();
	}

	static float[] flat(HdfFile f, String path) {
		return (float[]) f.getDatasetByPath(path).getDataFlat();
	}

	/** A one-element string array (a block's type) or a scalar string (a neuron's type). */
	static String string(HdfFile f, String path) {
		Object data = f.getDatasetByPath(path).getData();
		return data instanceof String[] a ? a[0] : (String) data;
	}

	static int[] dims(HdfFile f, String path) {
		return f.getDatasetByPath(path).getDimensions();
	}

	/** The children of a group by name: "group" for groups, a datatype kind and rank for datasets. */
	static Map<String, String> structure(Group g) {
		Map<String, String> out = new TreeMap<>();
		for (Map.Entry<String, Node> e : g.getChildren().entrySet())
			out.put(e.getKey(), e.getValue() instanceof Group ? "group" : kind((Dataset) e.getValue()));
		return out;
	}

	/**
	 * string, int{bits} or float{bits}, and the rank: the level at which lava-dl's files and ours must agree
	 * (jhdf writes fixed-length strings and cannot write enums, so an enum counts as its base integer type).
	 */
	static String kind(Dataset d) {
		DataType t = d.getDataType();
		String base;
		if (t instanceof EnumDataType e)
			t = e.getBaseType();
		if (t instanceof FixedPoint || t instanceof FloatingPoint)
			base = (t instanceof FloatingPoint ? "float" : "int") + 8 * t.getSize();
		else if (d.getJavaType() == String.class)
			base = "string";
		else
			base = t.getClass().getSimpleName();
		return base + " rank " + d.getDimensions().length;
	}

	static List<String> names(Group g) {
		return List.copyOf(new java.util.TreeSet<>(g.getChildren().keySet()));
	}
}
