package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.ann.AnnModel;
import org.volr.convert.ImportedModel;
import org.volr.core.nd4j.Nd4jSupport;

/**
 * Inputs and outputs computed by the data scripts' own numpy forward passes: a file of (shape line, values line)
 * pairs, the input first (channels first, as Volr reads it), then what the original model computes on it.
 */
final class ReferenceOutputs {
	private ReferenceOutputs() {
	}

	/** The arrays of a reference file, in order. */
	static INDArray[] read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		INDArray[] out = new INDArray[lines.size() / 2];
		for (int i = 0; i < out.length; i++) {
			long[] shape = Arrays.stream(lines.get(2 * i).trim().split(" ")).mapToLong(Long::parseLong).toArray();
			String[] v = lines.get(2 * i + 1).trim().split(" ");
			float[] data = new float[v.length];
			for (int j = 0; j < v.length; j++)
				data[j] = Float.parseFloat(v[j]);
			out[i] = Nd4j.create(data, shape, 'c');
		}
		return out;
	}

	/** Runs the imported network on the reference input; returns its largest absolute difference from the output. */
	static double largestDifference(ImportedModel m, Path file) throws IOException {
		Nd4jSupport.init();
		INDArray[] io = read(file);
		INDArray y = AnnModel.of(Resolved.of(m.network()), m.weights()).predict(io[0]);
		assertArrayEquals(io[1].shape(), y.shape());
		double diff = y.castTo(io[1].dataType()).sub(io[1]).amaxNumber().doubleValue();
		assertTrue(diff < 1e-4, "largest difference from the numpy reference " + diff + "\n" + y + "\n" + io[1]);
		return diff;
	}
}
