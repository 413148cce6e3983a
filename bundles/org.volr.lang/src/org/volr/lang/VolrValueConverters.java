package org.volr.lang;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Numbers as the user wrote them: a value that does not fit its type, or a number the parser could not complete,
 * gets an error that names the number and its range. The default converters passed on Java's own messages
 * ({@code For input string: "99999999999999999999"}, {@code Couldn't convert 'null' to EDouble}).
 */
public class VolrValueConverters extends DefaultTerminalConverters {
	@Override
	@ValueConverter(rule = "INT")
	public IValueConverter<Integer> INT() {
		return new WholeNumber<>(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE),
				BigInteger::intValueExact);
	}

	@ValueConverter(rule = "SignedInt")
	public IValueConverter<Integer> SignedInt() {
		return INT();
	}

	@ValueConverter(rule = "Long")
	public IValueConverter<Long> Long() {
		return new WholeNumber<>(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE),
				BigInteger::longValueExact);
	}

	@ValueConverter(rule = "Number")
	public IValueConverter<Double> Number() {
		return new RealNumber();
	}

	/** An integer in [min, max]; the text is digits with an optional minus sign (the grammar sees to that). */
	private static final class WholeNumber<T extends Number> implements IValueConverter<T> {
		private final BigInteger min, max;
		private final java.util.function.Function<BigInteger, T> exact;

		WholeNumber(BigInteger min, BigInteger max, java.util.function.Function<BigInteger, T> exact) {
			this.min = min;
			this.max = max;
			this.exact = exact;
		}

		@Override
		public T toValue(String string, INode node) throws ValueConverterException {
			String text = digits(string);
			if (text.isEmpty() || text.equals("-"))
				throw new ValueConverterException("expected an integer here", node, null);
			BigInteger value;
			try {
				value = new BigInteger(text);
			} catch (NumberFormatException e) {
				throw new ValueConverterException("'" + text + "' is not an integer", node, null);
			}
			if (value.compareTo(max) > 0)
				throw new ValueConverterException("integer " + text + " is too large (at most " + max + ")", node, null);
			if (value.compareTo(min) < 0)
				throw new ValueConverterException("integer " + text + " is too small (at least " + min + ")", node, null);
			return exact.apply(value);
		}

		@Override
		public String toString(T value) {
			return value.toString();
		}
	}

	/** A finite double; '1e400' would silently become infinity. */
	private static final class RealNumber implements IValueConverter<Double> {
		@Override
		public Double toValue(String string, INode node) throws ValueConverterException {
			String text = digits(string);
			if (text.isEmpty() || text.equals("-"))
				throw new ValueConverterException("expected a number here, e.g. 2, 0.5 or 1e-3", node, null);
			double value;
			try {
				value = Double.parseDouble(text);
			} catch (NumberFormatException e) {
				throw new ValueConverterException("'" + text + "' is not a number (write e.g. 2, 0.5 or 1e-3)", node, null);
			}
			if (Double.isInfinite(value))
				throw new ValueConverterException("number " + text + " is too large (at most " + Double.MAX_VALUE + ")", node, null);
			if (value == 0 && new BigDecimal(text).signum() != 0)
				throw new ValueConverterException("number " + text + " is too small to tell from 0 (at least "
						+ Double.MIN_VALUE + ")", node, null);
			return value;
		}

		@Override
		public String toString(Double value) {
			return Double.toString(value);
		}
	}

	/** The text of a number without the white space or comments the parser may keep between '-' and the digits. */
	private static String digits(String string) {
		if (string == null)
			return "";
		StringBuilder b = new StringBuilder(string.length());
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			if (!Character.isWhitespace(c))
				b.append(c);
		}
		return b.toString();
	}
}
