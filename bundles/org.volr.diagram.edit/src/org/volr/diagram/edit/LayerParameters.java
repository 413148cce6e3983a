package org.volr.diagram.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EcorePackage;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.Layer;

/**
 * A layer's parameters by the names of the metamodel's attributes ("units", "kernel", "activation", "label"), read
 * and written as the text a property panel shows. Reading and writing go through EMF's reflection, so a new layer
 * attribute appears in the panel without code here; values are checked so that a bad entry is refused with a
 * message instead of writing text that does not parse.
 */
public final class LayerParameters {
	/** Attributes that the panel does not offer: explicit padding amounts are rare and read better in the text. */
	private static final Set<String> HIDDEN = Set.of("padAmount");
	private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	/** How a value is entered: a whole number, a list of them, a decimal, one of fixed words, or a name. */
	public enum Type {
		INT, INTS, NUMBER, CHOICE, NAME
	}

	/** One parameter as the panel shows it; {@code choices} is empty unless the type is CHOICE. */
	public record Parameter(String name, Type type, String value, List<String> choices) {
	}

	private LayerParameters() {
	}

	/** Every parameter of the layer, in the metamodel's order with the label first. */
	public static List<Parameter> of(Layer layer) {
		List<Parameter> out = new ArrayList<>();
		for (EAttribute a : attributes(layer))
			out.add(new Parameter(a.getName(), typeOf(a), get(layer, a), choices(a)));
		return out;
	}

	/** Sets a parameter from its text; "" clears an optional one (a label, an activation, dense's input size). */
	public static void set(Layer layer, String name, String text) throws EditException {
		EAttribute a = attributes(layer).stream().filter(x -> x.getName().equals(name)).findFirst()
				.orElseThrow(() -> new EditException(keyword(layer) + " has no parameter '" + name + "' (it has "
						+ attributes(layer).stream().map(EAttribute::getName).collect(Collectors.joining(", ")) + ")"));
		String value = text == null ? "" : text.strip();
		if (value.isEmpty()) {
			clear(layer, a);
			return;
		}
		switch (typeOf(a)) {
		case INT -> layer.eSet(a, positive(layer, name, value));
		case INTS -> {
			List<Integer> values = new ArrayList<>();
			for (String part : value.replace("[", "").replace("]", "").split("[,\\s×x]+"))
				if (!part.isEmpty())
					values.add(positive(layer, name, part));
			// "3, 3" is the same window as "3", which the text writes more simply
			if (values.stream().distinct().count() == 1)
				values = new ArrayList<>(values.subList(0, 1));
			@SuppressWarnings("unchecked")
			List<Integer> list = (List<Integer>) layer.eGet(a);
			list.clear();
			list.addAll(values);
		}
		case NUMBER -> {
			try {
				layer.eSet(a, Double.parseDouble(value));
			} catch (NumberFormatException e) {
				throw new EditException(keyword(layer) + " " + name + " must be a number, got '" + value + "'");
			}
		}
		case CHOICE -> {
			EEnumLiteral literal = ((EEnum) a.getEAttributeType()).getEEnumLiteralByLiteral(value);
			if (literal == null || !choices(a).contains(value))
				throw new EditException(keyword(layer) + " " + name + " must be one of " + String.join(", ", choices(a))
						+ ", got '" + value + "'");
			layer.eSet(a, literal.getInstance());
		}
		case NAME -> {
			if (!NAME.matcher(value).matches())
				throw new EditException(keyword(layer) + " " + name + " must be a name (letters, digits, _), got '" + value + "'");
			layer.eSet(a, value);
		}
		}
	}

	/** The keyword the layer is written with: "dense", "conv2d", "avgpool", "flatten", ... */
	public static String keyword(Layer layer) {
		return LayerFactory.keyword(layer);
	}

	private static List<EAttribute> attributes(Layer layer) {
		List<EAttribute> list = new ArrayList<>();
		for (EAttribute a : layer.eClass().getEAllAttributes()) {
			if (HIDDEN.contains(a.getName()))
				continue;
			// an activation layer's activation is its whole point, not an option
			if (a.getName().equals("activation") && layer instanceof ActivationLayer)
				list.add(a);
			else if (a.getName().equals("label"))
				list.add(0, a);
			else
				list.add(a);
		}
		return list;
	}

	private static void clear(Layer layer, EAttribute a) throws EditException {
		if (a.getName().equals("activation") && !(layer instanceof ActivationLayer)) {
			layer.eUnset(a); // "unspecified", which the text does not write
		} else if (a.getName().equals("label") || a.isUnsettable() || a.isMany()) {
			if (a.isMany() && a.isRequired())
				throw new EditException(keyword(layer) + " needs a " + a.getName());
			layer.eUnset(a);
		} else {
			throw new EditException(keyword(layer) + " needs a " + a.getName());
		}
	}

	private static int positive(Layer layer, String name, String text) throws EditException {
		try {
			int v = Integer.parseInt(text.strip());
			if (v > 0)
				return v;
		} catch (NumberFormatException e) {
			// reported below with the other bad values
		}
		throw new EditException(keyword(layer) + " " + name + " must be a positive whole number, got '" + text.strip() + "'");
	}

	private static Type typeOf(EAttribute a) {
		if (a.getEAttributeType() instanceof EEnum)
			return Type.CHOICE;
		if (a.getEAttributeType() == EcorePackage.Literals.EINT)
			return a.isMany() ? Type.INTS : Type.INT;
		if (a.getEAttributeType() == EcorePackage.Literals.EDOUBLE)
			return Type.NUMBER;
		return Type.NAME;
	}

	/** The words the text may use; "unspecified" is the model's "not written", shown as an empty choice. */
	private static List<String> choices(EAttribute a) {
		if (!(a.getEAttributeType() instanceof EEnum e))
			return List.of();
		return e.getELiterals().stream().map(EEnumLiteral::getLiteral).filter(l -> !l.equals("unspecified")).toList();
	}

	private static String get(Layer layer, EAttribute a) {
		if (a.isUnsettable() && !layer.eIsSet(a))
			return "";
		Object v = layer.eGet(a);
		if (v == null)
			return "";
		if (v instanceof List<?> list)
			return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
		if (v instanceof Activation act && act == Activation.UNSPECIFIED)
			return "";
		if (v instanceof Double d)
			return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(d);
		return String.valueOf(v);
	}
}
