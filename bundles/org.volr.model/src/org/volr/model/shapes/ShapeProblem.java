package org.volr.model.shapes;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * A problem found while inferring shapes. {@code source} is the offending node; {@code feature}, when not null,
 * narrows the location to one of its attributes (e.g. the input size of {@code dense 3 2}).
 */
public record ShapeProblem(Severity severity, String code, String message, EObject source, EStructuralFeature feature) {
	public enum Severity {
		ERROR, WARNING
	}
}
