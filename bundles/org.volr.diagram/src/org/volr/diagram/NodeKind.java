package org.volr.diagram;

/**
 * What a diagram node stands for. The kind picks the node's colours ({@link Palette}) and its CSS class in SVG
 * and in the Sprotty model, so the web client can style the same categories.
 */
public enum NodeKind {
	INPUT("input"),
	OUTPUT("output"),
	DENSE("dense"),
	CONV("conv"),
	POOLING("pooling"),
	/** Layers that only reshape or rescale values: flatten, reshape, batchnorm, dropout, activation, identity. */
	SHAPE("shape"),
	/** Where the branches of a parallel ("concat") or additive ("+") block meet. */
	MERGE("merge"),
	/** A reference to a let binding or another network, drawn as one node. */
	REFERENCE("reference");

	private final String cssClass;

	NodeKind(String cssClass) {
		this.cssClass = cssClass;
	}

	public String cssClass() {
		return cssClass;
	}

	/** The kind of a layer's node (the page's palette colours its buttons by it too). */
	public static NodeKind of(org.volr.model.Layer layer) {
		return switch (layer) {
		case org.volr.model.Dense d -> DENSE;
		case org.volr.model.Conv c -> CONV;
		case org.volr.model.Pool p -> POOLING;
		case org.volr.model.GlobalPool g -> POOLING;
		default -> SHAPE;
		};
	}
}
