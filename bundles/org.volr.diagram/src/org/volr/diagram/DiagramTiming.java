package org.volr.diagram;

import java.util.Arrays;
import java.util.Locale;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.volr.model.Activation;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;

/**
 * How long the diagram of a 50-layer network takes once the JVM is warm: synthesis, ELK layout and the Sprotty
 * JSON together, i.e. what every edit in the editor costs. A measurement to run by hand, not a test (timings on a
 * shared build machine would make a flaky test). Prints the median of 50 runs after 30 warm-up runs.
 */
public final class DiagramTiming {
	private static final int LAYERS = 50, WARMUP = 30, RUNS = 50;

	private DiagramTiming() {
	}

	public static void main(String[] args) {
		VolrFile file = fiftyLayers();
		for (int i = 0; i < WARMUP; i++)
			SprottyJson.write(Diagrams.of(file));
		long[] nanos = new long[RUNS];
		int nodes = 0;
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			var diagrams = Diagrams.of(file);
			String json = SprottyJson.write(diagrams);
			nanos[i] = System.nanoTime() - start;
			nodes = diagrams.get(0).graph().getChildren().size();
			if (json.isEmpty())
				throw new IllegalStateException("empty Sprotty model");
		}
		Arrays.sort(nanos);
		System.out.println(String.format(Locale.ROOT,
				"%d-layer network (%d nodes): synthesis + layout + Sprotty JSON, median of %d warm runs: %.2f ms (min %.2f, max %.2f)",
				LAYERS, nodes, RUNS, nanos[RUNS / 2] / 1e6, nanos[0] / 1e6, nanos[RUNS - 1] / 1e6));
	}

	/** input [3, 32, 32], 24 × (conv2d 16×3×3 relu, batchnorm), flatten, dense 10 softmax. */
	static VolrFile fiftyLayers() {
		VolrFactory f = VolrFactory.eINSTANCE;
		VolrFile file = f.createVolrFile();
		Network net = f.createNetwork();
		net.setName("deep");
		Shape input = f.createShape();
		input.getDims().addAll(Arrays.asList(3, 32, 32));
		net.setInput(input);
		Block body = f.createBlock();
		for (int i = 0; i < (LAYERS - 2) / 2; i++) {
			Conv conv = f.createConv();
			conv.setKind(ConvKind.CONV2D);
			conv.setFilters(16);
			conv.getKernel().add(3);
			conv.setPadding(Padding.SAME);
			conv.setActivation(Activation.RELU);
			conv.setLabel("c" + (i + 1));
			body.getSteps().add(conv);
			body.getSteps().add(f.createBatchNorm());
		}
		body.getSteps().add(f.createFlatten());
		Dense out = f.createDense();
		out.setUnits(10);
		out.setActivation(Activation.SOFTMAX);
		body.getSteps().add(out);
		net.setBody(body);
		file.getElements().add(net);
		// a resource gives the elements the same kind of URI fragments as parsed files
		Resource resource = new ResourceImpl(URI.createURI("memory:/deep.volr"));
		resource.getContents().add(file);
		return file;
	}
}
