package org.volr.gen.lava;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.volr.core.io.AtomicFiles;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * Writes netx blocks in the HDF5 layout lava-dl's {@code export_hdf5} produces and {@code netx.hdf5.Network}
 * reads: {@code /layer/<i>/} with {@code type} (a one-element string array), {@code shape} (int64), the block's
 * fields, and a {@code neuron} group; plus {@code /simulation/Ts} (the step in ms) and {@code tSample} (a sample's
 * duration in ms).
 * <p>
 * Two datatypes differ from lava-dl's files because jhdf 0.13 cannot write them: strings are fixed-length,
 * null-terminated UTF-8 (lava-dl: 10-byte null-padded ASCII for {@code type}, variable-length for the neuron's
 * {@code type}), and {@code gradedSpike} is a plain int8 0/1 where h5py writes its boolean as an int8 enum
 * FALSE/TRUE. netx decodes both strings the same way and does not read {@code gradedSpike}.
 */
final class NetxWriter {
	private NetxWriter() {
	}

	/** Writes into a temporary file beside {@code out} and then moves it over, so a reader never sees half a file. */
	static void write(List<NetxBlock> blocks, double stepMillis, int steps, Path out) throws IOException {
		AtomicFiles.writeFile(out, file -> {
			try (WritableHdfFile hdf = HdfFile.write(file)) {
				WritableGroup layers = hdf.putGroup("layer");
				for (int i = 0; i < blocks.size(); i++)
					block(layers.putGroup(Integer.toString(i)), blocks.get(i));
				WritableGroup simulation = hdf.putGroup("simulation");
				simulation.putDataset("Ts", Double.valueOf(stepMillis));
				simulation.putDataset("tSample", Double.valueOf(steps * stepMillis));
			}
		});
	}

	private static void block(WritableGroup g, NetxBlock b) {
		g.putDataset("type", new String[] { b.type() });
		g.putDataset("shape", b.shape().clone());
		for (Map.Entry<String, Object> f : b.fields().entrySet())
			g.putDataset(f.getKey(), f.getValue());
		CubaNeuron n = b.neuron();
		if (n == null)
			return;
		WritableGroup neuron = g.putGroup("neuron");
		neuron.putDataset("type", "CUBA");
		neuron.putDataset("iDecay", Long.valueOf(n.iDecay()));
		neuron.putDataset("vDecay", Long.valueOf(n.vDecay()));
		neuron.putDataset("vThMant", Long.valueOf(n.vThMant()));
		neuron.putDataset("refDelay", Long.valueOf(n.refDelay()));
		neuron.putDataset("gradedSpike", Byte.valueOf((byte) (n.gradedSpike() ? 1 : 0)));
	}
}
