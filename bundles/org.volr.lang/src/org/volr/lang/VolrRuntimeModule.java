package org.volr.lang;

import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.volr.lang.formatting2.VolrFormatterRequest;
import org.volr.lang.linking.VolrLinkingMessages;

/** Registers the hand-written language services used at run time, with or without Equinox. */
public class VolrRuntimeModule extends AbstractVolrRuntimeModule {
	/** Serialized models are indented like formatted files. */
	public Class<? extends FormatterRequest> bindFormatterRequest() {
		return VolrFormatterRequest.class;
	}

	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return VolrSyntaxErrorMessages.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return VolrLinkingMessages.class;
	}
}
