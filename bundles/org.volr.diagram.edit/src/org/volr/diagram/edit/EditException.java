package org.volr.diagram.edit;

/** An edit that cannot be made as asked; the message says why in the user's terms and is shown as it is. */
public final class EditException extends Exception {
	private static final long serialVersionUID = 1L;

	public EditException(String message) {
		super(message);
	}
}
