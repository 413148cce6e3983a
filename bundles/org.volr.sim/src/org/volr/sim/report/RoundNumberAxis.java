package org.volr.sim.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis whose ticks {@link Ticks} chooses, as the workbench's results view does: round steps, about one
 * tick per 80 pixels across and 50 up, labelled with just the decimals they need, whole steps on axes that count (JFreeChart's own
 * choice labels small integer ticks "4E0", and packs ticks as close as their labels allow).
 */
final class RoundNumberAxis extends NumberAxis {
	private static final long serialVersionUID = 1L;
	private final boolean integers;

	private RoundNumberAxis(String label, boolean integers) {
		super(label);
		this.integers = integers;
	}

	/** An axis like the given one (label, range, whether it includes zero) with round ticks, whole ones when integers is set. */
	static NumberAxis like(NumberAxis axis, boolean integers) {
		RoundNumberAxis round = new RoundNumberAxis(axis.getLabel(), integers);
		round.setAutoRangeIncludesZero(axis.getAutoRangeIncludesZero());
		if (!axis.isAutoRange())
			round.setRange(axis.getRange());
		return round;
	}

	@Override
	protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
		int most = RectangleEdge.isTopOrBottom(edge) ? (int) dataArea.getWidth() / 80 : (int) dataArea.getHeight() / 50;
		Ticks ticks = Ticks.of(getLowerBound(), getUpperBound(), Math.max(2, most + 1), integers);
		setTickUnit(unit(ticks.step), false, false);
	}

	private static NumberTickUnit unit(double step) {
		int decimals = Ticks.decimalsOf(step);
		DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
		return new NumberTickUnit(step > 0 ? step : 1, format, 0);
	}
}
