package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IStatusLineManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.volr.ui.VolrUi;
import org.volr.ui.internal.VolrUiPlugin;

/**
 * Shows a results folder of {@code volr run} (or of a launch, which opens it here when done) as four plots drawn
 * from its data: accuracy after every step, SNN rate against ANN activation per neuron, spike counts per neuron
 * of the recorded samples, and spikes per layer. Each plot shows values on hover, zooms and saves itself
 * ({@link PlotCanvas}).
 */
public final class ResultsView extends ViewPart {
	private Composite plotsArea;
	private Label header;
	private final List<PlotCanvas> canvases = new ArrayList<>();
	private final List<Plot> plots = new ArrayList<>();
	private ResultsData data;

	@Override
	public void createPartControl(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(c);
		header = new Label(c, SWT.WRAP);
		header.setText("No results yet: run a Volr Experiment, or open a results folder (toolbar).");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
		plotsArea = new Composite(c, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).spacing(6, 6).applyTo(plotsArea);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(plotsArea);
		IStatusLineManager statusLine = getViewSite().getActionBars().getStatusLineManager();
		for (int i = 0; i < 4; i++) {
			PlotCanvas canvas = new PlotCanvas(plotsArea, statusLine::setMessage);
			GridDataFactory.fillDefaults().grab(true, true).hint(360, 240).applyTo(canvas.canvas());
			canvases.add(canvas);
		}
		Label hint = new Label(c, SWT.NONE);
		hint.setText("Point at a plot for its values; wheel or drag a rectangle to zoom, double-click to see all; right-click to save as PNG and SVG.");
		hint.setForeground(hint.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
		Action open = new Action("Open Results Folder...") {
			@Override
			public void run() {
				DirectoryDialog dialog = new DirectoryDialog(getSite().getShell());
				dialog.setText("Open a results folder of volr run (holding result.json)");
				String folder = dialog.open();
				if (folder != null)
					show(Path.of(folder));
			}
		};
		Action reload = new Action("Reload") {
			@Override
			public void run() {
				if (data != null)
					show(data.folder());
			}
		};
		Action resetZoom = new Action("Reset Zoom") {
			@Override
			public void run() {
				canvases.forEach(PlotCanvas::resetZoom);
			}
		};
		getViewSite().getActionBars().getToolBarManager().add(open);
		getViewSite().getActionBars().getToolBarManager().add(reload);
		getViewSite().getActionBars().getToolBarManager().add(resetZoom);
	}

	/** Reads the folder (or the folder of a result.json) and draws it; a folder that cannot be read is said so in the header. */
	public void show(Path folderOrFile) {
		try {
			show(ResultsData.read(folderOrFile));
		} catch (IOException e) {
			data = null;
			plots.clear();
			header.setText(e.getMessage());
			canvases.forEach(c -> c.show(null, null));
		}
	}

	private void show(ResultsData d) {
		data = d;
		plots.clear();
		plots.add(new AccuracyPlot(d));
		plots.add(new RateScatterPlot(d));
		plots.add(d.spikeRaster().isEmpty() ? new SpikeCountRaster(d) : new SpikeRasterPlot(d));
		plots.add(new LayerActivityPlot(d));
		header.setText(String.format(Locale.ROOT, "%s: %d samples, %d steps, ANN %s, SNN %.2f %%   (%s)", d.experiment(), d.samples(), d.steps(),
				Double.isNaN(d.annAccuracy()) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * d.annAccuracy()), 100 * d.finalAccuracy(), d.folder()));
		header.getParent().layout(true, true);
		for (int i = 0; i < canvases.size(); i++)
			canvases.get(i).show(plots.get(i), d.folder());
	}

	/** The data shown, or null. */
	public ResultsData data() {
		return data;
	}

	/** The plots shown, in the order of the grid. */
	public List<Plot> plots() {
		return List.copyOf(plots);
	}

	/** The plots on screen, in the order of the grid: what a person points at, zooms and saves. */
	public List<PlotCanvas> plotCanvases() {
		return List.copyOf(canvases);
	}

	/** The control holding the plots (for screenshots). */
	public Control plotsControl() {
		return plotsArea.getParent();
	}

	@Override
	public void setFocus() {
		plotsArea.setFocus();
	}

	/** Opens the view on a results folder from any thread, once the display gets to it. */
	public static void showWhenReady(Path folder) {
		Display display = PlatformUI.getWorkbench().getDisplay();
		display.asyncExec(() -> {
			IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
			if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0)
				window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
			IWorkbenchPage page = window == null ? null : window.getActivePage();
			if (page == null)
				return;
			try {
				((ResultsView) page.showView(VolrUi.RESULTS_VIEW_ID)).show(folder);
			} catch (PartInitException e) {
				VolrUiPlugin.log("cannot open the results view", e);
			}
		});
	}
}
