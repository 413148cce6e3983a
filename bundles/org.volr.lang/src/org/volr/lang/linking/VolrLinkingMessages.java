package org.volr.lang.linking;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.VolrFile;
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
		if (context.getReference() == VolrPackage.Literals.NET_REF__TARGET && isExperiment(context.getContext(), name))
			message = "'" + name + "' is an experiment, not a network; only networks and let bindings can be used here";
		else if (context.getReference() == VolrPackage.Literals.NET_REF__TARGET)
			message = "Unknown reference '" + name + "': no network and no enclosing 'let " + name
					+ " = ... in' of that name is visible here";
		else if (context.getReference() == VolrPackage.Literals.EXPERIMENT__NETWORK)
			message = "Unknown network '" + name + "': declare it with 'network " + name + " = ...' or fix the name";
		else
			return super.getUnresolvedProxyMessage(context);
		return new DiagnosticMessage(message, Severity.ERROR, UNKNOWN_NAME, name);
	}

	/** Scoping hides experiments from references; say so instead of claiming that nothing has the name. */
	private static boolean isExperiment(EObject context, String name) {
		EObject root = context == null ? null : EcoreUtil.getRootContainer(context);
		if (root instanceof VolrFile file)
			for (Element e : file.getElements())
				if (e instanceof Experiment && name.equals(e.getName()))
					return true;
		return false;
	}
}
