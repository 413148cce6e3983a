package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.volr.sim.report.PlotRange;

/**
 * A plot on screen that a person explores: pointing shows the value under the pointer (tooltip and status line),
 * the mouse wheel zooms about the pointer, dragging a rectangle zooms into it (a flat one narrows one axis only),
 * double-click shows the whole plot again, and the context menu saves what is shown as PNG and SVG.
 */
public final class PlotCanvas {
	/** How much one notch of the wheel zooms in (out: its inverse). */
	static final double WHEEL_FACTOR = 0.8;
	/** A drag shorter than this (pixels) along an axis leaves that axis as it is; shorter along both is a click. */
	private static final int MIN_DRAG = 5;
	/** Zoom ends at this fraction of the whole data's range, before ticks and pixels lose their meaning. */
	private static final double MIN_FRACTION = 1e-4;

	private final Canvas canvas;
	private final Consumer<String> status;
	private Plot plot;
	/** Where the save dialog starts: the results folder. */
	private Path folder;
	/** What is shown when zoomed; null: the whole plot. */
	private PlotRange zoom;
	/** Where a drag started, and where the pointer is now (null when no drag). */
	private int[] drag;
	private String hover;

	PlotCanvas(Composite parent, Consumer<String> status) {
		this.status = status;
		canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
		canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
		canvas.addPaintListener(e -> {
			if (plot == null)
				return;
			plot.draw(e.gc, canvas.getClientArea(), shown());
			if (drag != null) {
				e.gc.setForeground(e.gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
				e.gc.setLineStyle(SWT.LINE_DOT);
				e.gc.drawRectangle(Math.min(drag[0], drag[2]), Math.min(drag[1], drag[3]), Math.abs(drag[2] - drag[0]), Math.abs(drag[3] - drag[1]));
				e.gc.setLineStyle(SWT.LINE_SOLID);
			}
		});
		canvas.addListener(SWT.MouseMove, this::moved);
		canvas.addListener(SWT.MouseDown, e -> {
			if (e.button == 1 && plot != null)
				drag = new int[] { e.x, e.y, e.x, e.y };
		});
		canvas.addListener(SWT.MouseUp, this::released);
		canvas.addListener(SWT.MouseWheel, this::wheeled);
		canvas.addListener(SWT.MouseDoubleClick, e -> resetZoom());
		canvas.addListener(SWT.MouseExit, e -> point(null));
		menu();
	}

	private void menu() {
		MenuManager menu = new MenuManager();
		menu.add(new Action("Save Plot as PNG and SVG...") {
			@Override
			public void run() {
				saveWithDialog();
			}
		});
		menu.add(new Action("Reset Zoom") {
			@Override
			public void run() {
				resetZoom();
			}
		});
		canvas.setMenu(menu.createContextMenu(canvas));
	}

	/** Shows another plot (or none) of the results in folder, unzoomed. */
	void show(Plot p, Path resultsFolder) {
		plot = p;
		folder = resultsFolder;
		zoom = null;
		drag = null;
		point(null);
		canvas.redraw();
	}

	public Canvas canvas() {
		return canvas;
	}

	public Plot plot() {
		return plot;
	}

	/** The part of the data shown: the whole plot's range until zoomed. */
	public PlotRange shown() {
		return zoom != null ? zoom : plot == null ? null : plot.range();
	}

	public boolean zoomed() {
		return zoom != null;
	}

	/** What the pointer last pointed at (the tooltip's text), or null. */
	public String hoverText() {
		return hover;
	}

	/** Where the data point (x, y) lies on the canvas as drawn now (it may lie outside the frame when zoomed). */
	public Point pixelOf(double x, double y) {
		Axes axes = new Axes(area(), shown());
		return new Point(axes.x(x), axes.y(y));
	}

	public void resetZoom() {
		zoom = null;
		canvas.redraw();
	}

	private void moved(Event e) {
		if (plot == null)
			return;
		if (drag != null && (e.stateMask & SWT.BUTTON1) != 0) {
			drag[2] = e.x;
			drag[3] = e.y;
			canvas.redraw();
		}
		point(plot.valueAt(area(), shown(), e.x, e.y));
	}

	private void point(String text) {
		if (java.util.Objects.equals(text, hover))
			return;
		hover = text;
		canvas.setToolTipText(text);
		status.accept(text);
	}

	private void released(Event e) {
		if (drag == null || plot == null)
			return;
		int[] d = drag;
		drag = null;
		d[2] = e.x;
		d[3] = e.y;
		boolean alongX = plot.zoomsX() && Math.abs(d[2] - d[0]) >= MIN_DRAG, alongY = Math.abs(d[3] - d[1]) >= MIN_DRAG;
		if (alongX || alongY) {
			Axes axes = new Axes(area(), shown());
			PlotRange now = shown();
			double xa = axes.valueX(d[0]), xb = axes.valueX(d[2]), ya = axes.valueY(d[1]), yb = axes.valueY(d[3]);
			zoomTo(new PlotRange(alongX ? Math.min(xa, xb) : now.x0(), alongX ? Math.max(xa, xb) : now.x1(), alongY ? Math.min(ya, yb) : now.y0(),
					alongY ? Math.max(ya, yb) : now.y1()));
		}
		canvas.redraw();
	}

	private void wheeled(Event e) {
		if (plot == null || e.count == 0)
			return;
		Axes axes = new Axes(area(), shown());
		if (!axes.inside(e.x, e.y))
			return;
		// a notch up (count > 0) zooms in, as in maps and most plotting tools
		zoomTo(shown().scaledAbout(axes.valueX(e.x), axes.valueY(e.y), Math.pow(WHEEL_FACTOR, e.count), plot.zoomsX(), true));
		point(plot.valueAt(area(), shown(), e.x, e.y));
	}

	/**
	 * Shows that part of the data, as a dragged rectangle does: kept within the whole plot (zooming out stops there)
	 * and no narrower than MIN_FRACTION of it.
	 */
	public void zoomTo(PlotRange range) {
		PlotRange all = plot.range();
		double[] x = within(range.x0(), range.x1(), all.x0(), all.x1()), y = within(range.y0(), range.y1(), all.y0(), all.y1());
		PlotRange next = new PlotRange(x[0], x[1], y[0], y[1]);
		zoom = next.equals(all) ? null : next;
		canvas.redraw();
	}

	private static double[] within(double lo, double hi, double min, double max) {
		double width = Math.max(hi - lo, (max - min) * MIN_FRACTION);
		if (width >= max - min)
			return new double[] { min, max };
		double from = Math.max(min, Math.min(lo, max - width));
		return new double[] { from, from + width };
	}

	private Rectangle area() {
		return canvas.getClientArea();
	}

	/** Writes folder/name.png and folder/name.svg showing what the canvas shows. */
	public void export(Path folder, String name) throws IOException {
		plot.export(folder, name, zoom);
	}

	private void saveWithDialog() {
		if (plot == null)
			return;
		FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
		dialog.setText("Save the plot as PNG (an SVG of the same name goes beside it)");
		dialog.setFilterExtensions(new String[] { "*.png" });
		dialog.setFileName(plot.fileName() + (zoomed() ? "-zoomed" : "") + ".png");
		dialog.setOverwrite(true);
		if (folder != null)
			dialog.setFilterPath(folder.toString());
		String file = dialog.open();
		if (file == null)
			return;
		Path png = Path.of(file);
		try {
			export(png.getParent(), png.getFileName().toString().replaceFirst("(?i)\\.(png|svg)$", ""));
		} catch (IOException | RuntimeException ex) {
			MessageDialog.openError(canvas.getShell(), "Saving the plot", "Could not save " + png + ": " + ex.getMessage());
		}
	}
}
