package org.volr.lang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.IParser;
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

	/** Refuses text nested too deeply (or too large, for the editor services) with an error; reads CR line ends. */
	@Override
	public Class<? extends IParser> bindIParser() {
		return GuardedVolrParser.class;
	}

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return VolrValueConverters.class;
	}
}
