package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.volr.ann.AnnModel;
import org.volr.ann.Evaluator;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasImporter;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.progress.Progress;

/**
 * The real Keras models of the SNN Conversion Toolbox, imported and run here, reproduce the accuracy in their
 * names on the real MNIST test set they were measured on (testdata/PROVENANCE.md).
 */
class KerasModelAccuracyTest {
	private static final Path DATA = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));

	private static int correct(String file) throws Exception {
		ImportedModel imported = KerasImporter.importHdf5(DATA.resolve("keras").resolve(file), "m");
		Dataset test = Datasets.open("npz", DATA.resolve("mnist-npz"), "test", DatasetOptions.DEFAULT);
		assertEquals(10000, test.size());
		int correct = Evaluator.correct(AnnModel.of(Nets.resolved(imported.network()), imported.weights()), test, 500, Progress.NONE);
		System.out.println(file + ": " + correct + " / 10000 correct; import notes " + imported.notes());
		return correct;
	}

	@Test
	void lenet98_96() throws Exception {
		assertEquals(9896, correct("lenet5-98.96.h5"));
	}

	/*
	 * Keras 2.2.4 saved this model with Flatten(data_format="channels_first"); from Keras 2.2 on such a Flatten first
	 * moves the channels last (keras/layers/core.py, Flatten.call), so dense_1 reads its inputs in h-w-c order.
	 * The importer must reorder dense_1's rows for it; without that the model gets 490 / 10000.
	 */
	@Test
	void lenet99_14() throws Exception {
		assertEquals(9914, correct("lenet5-99.14.h5"));
	}

	@Test
	void tinyChannelsLastModel() throws Exception {
		int correct = correct("mnist-tiny-0.93.h5");
		assertTrue(correct >= 9200 && correct <= 9400, correct + " correct, expected about 9300");
	}
}
