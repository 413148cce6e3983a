package org.volr.diagram.edit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.model.ActivationLayer;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.GlobalPool;
import org.volr.model.Layer;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.VolrFactory;

/**
 * New layers from a palette entry: the keyword picks the class (and its kind), the parameters fill it. Parameters
 * left out take values that make a layer the language accepts as written (a convolution needs its filters and
 * kernel, a pooling window its size), so a palette click never writes broken text.
 */
public final class LayerFactory {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	/** What the palette offers, each with the parameters a fresh layer starts with. */
	private static final Map<String, Map<String, String>> DEFAULTS = new LinkedHashMap<>();
	static {
		DEFAULTS.put("dense", Map.of("units", "10", "activation", "relu"));
		DEFAULTS.put("conv2d", Map.of("filters", "8", "kernel", "3", "activation", "relu"));
		DEFAULTS.put("conv1d", Map.of("filters", "8", "kernel", "3", "activation", "relu"));
		DEFAULTS.put("depthwise_conv2d", Map.of("kernel", "3", "activation", "relu"));
		DEFAULTS.put("avgpool", Map.of("size", "2"));
		DEFAULTS.put("maxpool", Map.of("size", "2"));
		DEFAULTS.put("avgpool1d", Map.of("size", "2"));
		DEFAULTS.put("maxpool1d", Map.of("size", "2"));
		DEFAULTS.put("globalavgpool", Map.of());
		DEFAULTS.put("globalmaxpool", Map.of());
		DEFAULTS.put("flatten", Map.of());
		DEFAULTS.put("batchnorm", Map.of());
		DEFAULTS.put("dropout", Map.of("rate", "0.5"));
		DEFAULTS.put("activation", Map.of("activation", "relu"));
		DEFAULTS.put("identity", Map.of());
	}

	private LayerFactory() {
	}

	/** The keywords a new layer may have, in palette order. */
	public static List<String> kinds() {
		return List.copyOf(DEFAULTS.keySet());
	}

	public static Layer create(EditCommand.LayerSpec spec) throws EditException {
		Map<String, String> defaults = DEFAULTS.get(spec.kind());
		if (defaults == null)
			throw new EditException("unknown layer kind '" + spec.kind() + "' (known: " + String.join(", ", kinds()) + ")");
		Layer layer = blank(spec.kind());
		Map<String, String> values = new LinkedHashMap<>(defaults);
		values.putAll(spec.parameters());
		for (Map.Entry<String, String> e : values.entrySet())
			LayerParameters.set(layer, e.getKey(), e.getValue());
		return layer;
	}

	private static Layer blank(String kind) {
		return switch (kind) {
		case "dense" -> F.createDense();
		case "conv2d", "conv1d", "depthwise_conv2d" -> {
			Conv c = F.createConv();
			c.setKind(ConvKind.get(kind));
			yield c;
		}
		case "avgpool", "maxpool", "avgpool1d", "maxpool1d" -> {
			Pool p = F.createPool();
			p.setKind(PoolKind.get(kind));
			yield p;
		}
		case "globalavgpool", "globalmaxpool" -> {
			GlobalPool g = F.createGlobalPool();
			g.setOp(PoolOp.get(kind));
			yield g;
		}
		case "flatten" -> F.createFlatten();
		case "batchnorm" -> F.createBatchNorm();
		case "dropout" -> F.createDropout();
		case "activation" -> F.createActivationLayer();
		case "identity" -> F.createIdentity();
		default -> throw new IllegalArgumentException(kind);
		};
	}

	/** The keyword a layer is written with. */
	static String keyword(Layer layer) {
		if (layer instanceof Dense)
			return "dense";
		if (layer instanceof Conv c)
			return c.getKind().getLiteral();
		if (layer instanceof Pool p)
			return p.getKind().getLiteral();
		if (layer instanceof GlobalPool g)
			return g.getOp().getLiteral();
		if (layer instanceof Dropout)
			return "dropout";
		if (layer instanceof ActivationLayer)
			return "activation";
		return layer.eClass().getName().toLowerCase(java.util.Locale.ROOT);
	}
}
