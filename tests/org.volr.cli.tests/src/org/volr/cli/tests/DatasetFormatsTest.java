package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DatasetFormat;
import org.volr.core.data.DatasetFormats;
import org.volr.model.DataFormat;

/**
 * The grammar names the data formats, the registry reads them: every format a data clause can name is registered
 * but json, which the checker refuses; and the checker's idea of event recordings (what 'input events' plays) is
 * the registry's.
 */
class DatasetFormatsTest {
	@TempDir
	Path tmp;

	@Test
	void theRegistryHoldsEveryFormatTheGrammarNamesButJson() {
		List<String> written = DataFormat.VALUES.stream().map(DataFormat::getLiteral).filter(f -> !f.equals("json")).toList();
		assertEquals(written, DatasetFormats.all().stream().map(DatasetFormat::name).toList());
		assertEquals(null, DatasetFormats.of("json"));
		assertEquals(List.of("aedat", "nmnist"), DatasetFormats.all().stream().filter(DatasetFormat::events).map(DatasetFormat::name).toList());
		assertEquals("idx, npz, hdf5 or images", DatasetFormats.sampleFormats());
	}

	/** 'volr check' of an experiment whose data is {@code format} and whose simulation plays events. */
	private Run checkWithEventInput(String format) throws IOException {
		Path file = Files.writeString(tmp.resolve(format + ".volr"), """
				network net = dense 4 2 relu
				experiment e {
				    network net
				    data %s "data" test
				    simulate { duration 10 steps, input events }
				}
				""".formatted(format));
		return volr("check", file.toString());
	}

	@Test
	void theCheckerRefusesJsonAndPlaysEventsOfTheRegisteredEventFormatsOnly() throws IOException {
		for (DataFormat format : DataFormat.VALUES) {
			Run check = checkWithEventInput(format.getLiteral());
			DatasetFormat registered = DatasetFormats.of(format.getLiteral());
			if (registered == null) {
				assertTrue(check.out().contains("json data is not read yet"), check.out());
				assertEquals(1, check.code(), check.out());
				continue;
			}
			boolean refusesEvents = check.out().contains("input events plays recordings of an event camera");
			assertEquals(!registered.events(), refusesEvents, format.getLiteral() + ": " + check.out());
			assertFalse(check.out().contains("not read yet"), check.out());
		}
	}
}
