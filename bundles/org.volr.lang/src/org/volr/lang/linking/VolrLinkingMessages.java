package org.volr.lang.linking;

import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.volr.model.VolrPackage;

/** Says what an unknown name should have been, instead of Xtext's "Couldn't resolve reference to Named 'x'". */
public class VolrLinkingMessages extends LinkingDiagnosticMessageProvider {
	public static final String UNKNOWN_NAME = "org.volr.lang.unknownName";

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		String name;
		try {
			name = context.getLinkText();
		} catch (IllegalNodeException e) {
			name = e.getNode().getText();
		}
		String message;
		if (context.getReference() == VolrPackage.Literals.NET_REF__TARGET)
			message = "Unknown reference '" + name + "': no network and no enclosing 'let " + name
					+ " = ... in' of that name is visible here";
		else if (context.getReference() == VolrPackage.Literals.EXPERIMENT__NETWORK)
			message = "Unknown network '" + name + "': declare it with 'network " + name + " = ...' or fix the name";
		else
			return super.getUnresolvedProxyMessage(context);
		return new DiagnosticMessage(message, Severity.ERROR, UNKNOWN_NAME, name);
	}
}
