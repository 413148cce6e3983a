package org.volr.lang.formatting2;

import java.util.Map;

import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
import org.volr.lang.api.VolrLanguage;

/**
 * A formatter request that indents like {@link VolrLanguage#format}. The serializer creates its own requests
 * without preferences, so without this binding serialized models were indented with tabs and formatted files
 * with spaces.
 */
public class VolrFormatterRequest extends FormatterRequest {
	public VolrFormatterRequest() {
		setPreferences(TypedPreferenceValues.castOrWrap(
				new MapBasedPreferenceValues(Map.of(FormatterPreferenceKeys.indentation.getId(), VolrLanguage.INDENT))));
	}
}
