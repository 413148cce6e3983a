package org.volr.lang;

import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/**
 * Explains the one syntax error that the two network forms invite: {@code network x = { input [...] ... }}. ANTLR
 * says "mismatched input 'input' expecting '}'", which does not tell where 'input' may go.
 */
public class VolrSyntaxErrorMessages extends SyntaxErrorMessageProvider {
	public static final String MISPLACED_INPUT = "org.volr.lang.misplacedInput";

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		Token token = e == null ? null : e.token;
		if (token != null && "input".equals(token.getText()))
			return new SyntaxErrorMessage("'input' must come right after 'network <name> {' (the block form, without '=')"
					+ " or in 'network <name> (input [...]) = ...'; " + context.getDefaultMessage(), MISPLACED_INPUT);
		return super.getSyntaxErrorMessage(context);
	}
}
