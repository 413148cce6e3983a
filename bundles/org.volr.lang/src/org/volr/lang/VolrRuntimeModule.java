package org.volr.lang;

import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.volr.lang.linking.VolrLinkingMessages;

/** Registers the hand-written language services used at run time, with or without Equinox. */
public class VolrRuntimeModule extends AbstractVolrRuntimeModule {
	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return VolrLinkingMessages.class;
	}
}
