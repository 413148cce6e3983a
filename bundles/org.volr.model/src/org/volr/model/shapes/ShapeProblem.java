package org.volr.model.shapes;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * A problem found while inferring shapes. {@code source} is the offending node; {@code feature}, when not null,
 * narrows the location to one of its attributes (e.g. the input size of {@code dense 3 2}). {@code data} carries
 * what a quick fix needs, e.g. the size that actually flows into a layer whose declared input size is wrong.
 */
public record ShapeProblem(Severity severity, String code, String message, EObject source, EStructuralFeature feature,
		List<String> data) {
	public ShapeProblem(Severity severity, String code, String message, EObject source, EStructuralFeature feature) {
		this(severity, code, message, source, feature, List.of());
	}

	public enum Severity {
		ERROR, WARNING
	}
}
