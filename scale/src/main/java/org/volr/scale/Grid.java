package org.volr.scale;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.model.Experiment;

/**
 * A sweep's grid, {@code "percentile=99,99.9; steps=25,50; v_thresh=0.8,1"}: every combination of the values is one
 * point, the last name varying fastest.
 */
record Grid(List<String> names, List<double[]> values) {

	/** One combination of values: what one Spark task converts and simulates. Serializable: it travels to the executors. */
	record Point(int index, List<String> names, double[] values) implements Serializable {
		/** "percentile=99.9 steps=50". */
		String label() {
			StringBuilder b = new StringBuilder();
			for (int i = 0; i < names.size(); i++)
				b.append(i == 0 ? "" : " ").append(names.get(i)).append('=').append(SweepParameter.number(values[i]));
			return b.toString();
		}
	}

	/** Thrown for a grid that names what the experiment cannot vary, or values it cannot take: a usage error. */
	static final class GridException extends Exception {
		GridException(String message) {
			super(message);
		}
	}

	static Grid parse(String spec, Experiment experiment) throws GridException {
		Map<String, double[]> axes = new LinkedHashMap<>();
		for (String part : spec.split(";")) {
			if (part.isBlank())
				continue;
			int eq = part.indexOf('=');
			if (eq < 0)
				throw new GridException("'" + part.strip() + "' is not NAME=VALUE,VALUE...; e.g. --grid \"percentile=99,99.9; steps=25,50\"");
			String name = part.substring(0, eq).strip();
			SweepParameter parameter = SweepParameter.named(name, experiment);
			if (parameter == null)
				throw new GridException("unknown grid parameter '" + name + "'; experiment " + experiment.getName() + " can vary "
						+ String.join(", ", SweepParameter.allowed(experiment).stream().map(SweepParameter::name).toList()));
			if (axes.containsKey(name))
				throw new GridException("grid parameter '" + name + "' is given twice");
			String[] texts = part.substring(eq + 1).split(",");
			double[] values = new double[texts.length];
			for (int i = 0; i < texts.length; i++) {
				String text = texts[i].strip();
				String problem;
				try {
					values[i] = Double.parseDouble(text);
					problem = text.isEmpty() ? "a number" : parameter.problem(experiment, values[i]);
				} catch (NumberFormatException e) {
					problem = "a number";
				}
				if (problem != null)
					throw new GridException(name + " takes " + problem + ", got '" + text + "'");
			}
			axes.put(name, values);
		}
		if (axes.isEmpty())
			throw new GridException("the grid is empty; e.g. --grid \"percentile=99,99.9; steps=25,50\"");
		return new Grid(List.copyOf(axes.keySet()), List.copyOf(axes.values()));
	}

	/**
	 * The experiment's own {@code sweep { ... }} clause as a grid, or null when it has none. volr check has checked it
	 * (names, values; the file loads only when it checks), so what is left to refuse here is nothing.
	 */
	static Grid of(Experiment experiment) {
		org.volr.model.Sweep sweep = experiment.getSweep();
		if (sweep == null || sweep.getAxes().isEmpty())
			return null;
		List<String> names = new ArrayList<>();
		List<double[]> values = new ArrayList<>();
		for (org.volr.model.SweepAxis axis : sweep.getAxes()) {
			names.add(axis.getName());
			values.add(axis.getValues().stream().mapToDouble(Double::doubleValue).toArray());
		}
		return new Grid(List.copyOf(names), List.copyOf(values));
	}

	List<Point> points() {
		List<Point> points = new ArrayList<>();
		int[] at = new int[names.size()];
		while (true) {
			double[] v = new double[at.length];
			for (int i = 0; i < at.length; i++)
				v[i] = values.get(i)[at[i]];
			points.add(new Point(points.size(), names, v));
			int i = at.length - 1;
			while (i >= 0 && ++at[i] == values.get(i).length)
				at[i--] = 0;
			if (i < 0)
				return points;
		}
	}
}
