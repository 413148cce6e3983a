package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.SimulationDefaults;
import org.volr.sim.report.PlotRange;
import org.volr.ui.VolrUi;
import org.volr.ui.internal.MonitorProgress;
import org.volr.ui.results.PlotCanvas;
import org.volr.ui.results.ResultsData;
import org.volr.ui.results.ResultsView;

/**
 * The results view of a run of examples/xor as a person uses it, with plain SWT mouse events: pointing shows the
 * value under the pointer, the wheel and a dragged rectangle zoom, double-click shows all again, and a plot saves
 * itself as PNG and SVG showing what is zoomed.
 */
class ResultsViewInteractionTest {
	private static final String PROJECT = "xor-results-view";
	private static IProject project;
	private static Path results;
	private ResultsView view;

	@BeforeAll
	static void runXor() throws Exception {
		project = Ui.newProjectWithWizard(PROJECT, "xor");
		Path file = project.getFile("xor.volr").getLocation().toPath();
		ExperimentSetup setup = ExperimentSetup.load(file, null, d -> {
		});
		results = file.getParent().resolve("learn_xor-results");
		ExperimentRun.run(setup, setup.simulation(0, SimulationDefaults.STANDARD), 0, results, System.out,
				new MonitorProgress(new NullProgressMonitor(), "xor"));
	}

	@AfterAll
	static void deleteProject() throws CoreException {
		Ui.deleteProject(PROJECT);
	}

	@BeforeEach
	void openView() throws Exception {
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		view = (ResultsView) page.showView(VolrUi.RESULTS_VIEW_ID);
		page.getWorkbenchWindow().getShell().setSize(1400, 900);
		view.show(results);
		assertNotNull(view.data(), "the view read " + results);
		Ui.spin(Display.getCurrent(), 200);
		for (PlotCanvas c : view.plotCanvases())
			assertTrue(c.canvas().getClientArea().width > 200, "the plots have room: " + c.canvas().getClientArea());
	}

	private static void send(PlotCanvas c, int type, Point at, int button, int stateMask, int count) {
		Event e = new Event();
		e.x = at.x;
		e.y = at.y;
		e.button = button;
		e.stateMask = stateMask;
		e.count = count;
		c.canvas().notifyListeners(type, e);
	}

	private static void hover(PlotCanvas c, Point at) {
		send(c, SWT.MouseMove, at, 0, 0, 0);
	}

	private static void drag(PlotCanvas c, Point from, Point to) {
		send(c, SWT.MouseDown, from, 1, 0, 1);
		send(c, SWT.MouseMove, new Point((from.x + to.x) / 2, (from.y + to.y) / 2), 0, SWT.BUTTON1, 0);
		send(c, SWT.MouseMove, to, 0, SWT.BUTTON1, 0);
		send(c, SWT.MouseUp, to, 1, SWT.BUTTON1, 1);
	}

	/** How far apart two data values may be that come from the same pixel: one pixel's worth of the shown range. */
	private static double pixel(PlotCanvas c, boolean x) {
		PlotRange r = c.shown();
		double width = c.canvas().getClientArea().width - 64, height = c.canvas().getClientArea().height - 58;
		return x ? 1.01 * (r.x1() - r.x0()) / width : 1.01 * (r.y1() - r.y0()) / height;
	}

	@Test
	void pointingAtTheAccuracyCurveShowsTheStepTheSnnAndTheAnn() throws Exception {
		PlotCanvas accuracy = view.plotCanvases().get(0);
		List<String> rows = Files.readAllLines(results.resolve("accuracy.csv"));
		assertEquals(1 + 50, rows.size(), "xor simulates 50 steps");
		double snn = Double.parseDouble(rows.get(25).split(",")[1]);
		Matcher ann = Pattern.compile("\"ann_accuracy\": ([0-9.]+)").matcher(Files.readString(results.resolve("report.json")));
		assertTrue(ann.find());
		String expected = String.format(Locale.ROOT, "T = 25: SNN %.2f %%, ANN %.2f %%", 100 * snn, 100 * Double.parseDouble(ann.group(1)));
		hover(accuracy, accuracy.pixelOf(25.3, 50));
		assertEquals(expected, accuracy.hoverText());
		assertEquals(expected, accuracy.canvas().getToolTipText());
		hover(accuracy, new Point(2, 2)); // the title, outside the frame
		assertNull(accuracy.hoverText());
		assertNull(accuracy.canvas().getToolTipText());
	}

	@Test
	void pointingAtTheRasterNamesTheNeuronAndItsSpikes() throws Exception {
		PlotCanvas raster = view.plotCanvases().get(2);
		List<String[]> spikes = Files.readAllLines(results.resolve("spike-raster.csv")).stream().skip(1).map(l -> l.split(",")).toList();
		assertFalse(spikes.isEmpty());
		String[] first = spikes.get(0);
		int step = Integer.parseInt(first[0]), neuron = Integer.parseInt(first[2]);
		long base = 0;
		for (ResultsData.Layer l : view.data().layers()) {
			if (l.label().equals(first[1]))
				break;
			base += l.neurons();
		}
		long count = spikes.stream().filter(s -> s[1].equals(first[1]) && Integer.parseInt(s[2]) == neuron).count();
		hover(raster, raster.pixelOf(step + 0.5, base + neuron + 0.5));
		assertEquals(String.format(Locale.ROOT, "step %d, %s neuron %d: spikes; %d spikes in the sample (rate %.3f per step)", step, first[1], neuron, count,
				count / 50.0), raster.hoverText());
	}

	@Test
	void pointingAtABarNamesTheLayerAndItsOperations() {
		PlotCanvas bars = view.plotCanvases().get(3);
		ResultsData.Layer last = view.data().layers().get(view.data().layers().size() - 1);
		hover(bars, bars.pixelOf(view.data().layers().size() - 0.5, bars.shown().y0() + 0.1 * (bars.shown().y1() - bars.shown().y0())));
		assertNotNull(bars.hoverText());
		assertTrue(bars.hoverText().startsWith(last.label() + ": "), bars.hoverText());
		assertTrue(bars.hoverText().contains(String.format(Locale.ROOT, "%,d neurons", last.neurons())), bars.hoverText());
	}

	@Test
	void theWheelZoomsAboutThePointerAndDoubleClickShowsAll() {
		PlotCanvas accuracy = view.plotCanvases().get(0);
		PlotRange all = accuracy.shown();
		assertEquals(new PlotRange(1, 50, 0, 100), all);
		send(accuracy, SWT.MouseWheel, accuracy.pixelOf(25, 50), 0, 0, 1);
		assertTrue(accuracy.zoomed());
		PlotRange zoomed = accuracy.shown();
		// one notch: four fifths of the range, the point under the pointer staying put
		assertEquals(25 - 24 * 0.8, zoomed.x0(), 0.8 * pixel(accuracy, true) + 1e-9);
		assertEquals(25 + 25 * 0.8, zoomed.x1(), 0.8 * pixel(accuracy, true) + 1e-9);
		assertEquals(50 - 50 * 0.8, zoomed.y0(), pixel(accuracy, false));
		assertEquals(50 + 50 * 0.8, zoomed.y1(), pixel(accuracy, false));
		send(accuracy, SWT.MouseWheel, accuracy.pixelOf(25, 50), 0, 0, -5);
		assertEquals(all, accuracy.shown(), "zooming out stops at the whole plot");
		send(accuracy, SWT.MouseWheel, accuracy.pixelOf(25, 50), 0, 0, 3);
		send(accuracy, SWT.MouseDoubleClick, accuracy.pixelOf(25, 50), 1, 0, 2);
		assertFalse(accuracy.zoomed());
		assertEquals(all, accuracy.shown());
	}

	@Test
	void draggingARectangleZoomsIntoItAndAFlatOneNarrowsOneAxis() {
		PlotCanvas accuracy = view.plotCanvases().get(0);
		drag(accuracy, accuracy.pixelOf(30, 20), accuracy.pixelOf(10, 80));
		PlotRange r = accuracy.shown();
		double px = pixel(accuracy, true), py = pixel(accuracy, false);
		assertEquals(10, r.x0(), px);
		assertEquals(30, r.x1(), px);
		assertEquals(20, r.y0(), py);
		assertEquals(80, r.y1(), py);
		accuracy.resetZoom();
		Point from = accuracy.pixelOf(20, 50);
		px = pixel(accuracy, true);
		drag(accuracy, from, new Point(accuracy.pixelOf(40, 50).x, from.y + 2));
		assertEquals(20, accuracy.shown().x0(), 1.5 * px);
		assertEquals(40, accuracy.shown().x1(), 1.5 * px);
		assertEquals(0, accuracy.shown().y0(), 0, "a flat drag leaves y as it was");
		assertEquals(100, accuracy.shown().y1(), 0);
		accuracy.resetZoom();
		// the bar chart's layers do not zoom: only its values do
		PlotCanvas bars = view.plotCanvases().get(3);
		PlotRange allBars = bars.shown();
		drag(bars, bars.pixelOf(0.5, allBars.y1() * 0.2), bars.pixelOf(1.5, allBars.y1() * 0.6));
		assertEquals(allBars.x0(), bars.shown().x0());
		assertEquals(allBars.x1(), bars.shown().x1());
		assertEquals(allBars.y1() * 0.6, bars.shown().y1(), pixel(bars, false) * 1.5);
		bars.resetZoom();
	}

	@Test
	void savingAZoomedPlotWritesAPngAndAnSvgOfWhatIsShown(@TempDir Path tmp) throws Exception {
		PlotCanvas accuracy = view.plotCanvases().get(0);
		accuracy.zoomTo(new PlotRange(10, 30, 20, 80));
		accuracy.export(tmp, "accuracy-zoomed");
		ImageData png = new ImageLoader().load(tmp.resolve("accuracy-zoomed.png").toString())[0];
		assertEquals(800, png.width);
		assertEquals(500, png.height);
		List<String> ticks = svgTexts(tmp.resolve("accuracy-zoomed.svg"));
		for (String tick : List.of("10", "20", "30", "40", "60", "80"))
			assertTrue(ticks.contains(tick), tick + " in " + ticks);
		assertFalse(ticks.contains("100"), "y is zoomed to 20-80: " + ticks);
		accuracy.resetZoom();
		// every plot of a run with a raster saves itself unzoomed, as volr run would draw it
		for (PlotCanvas c : view.plotCanvases()) {
			String name = c.plot().fileName();
			c.export(tmp, name);
			assertTrue(new ImageLoader().load(tmp.resolve(name + ".png").toString())[0].width == 800, name);
			assertFalse(svgTexts(tmp.resolve(name + ".svg")).isEmpty(), name);
		}
		assertTrue(svgTexts(tmp.resolve("layer-activity.svg")).contains(view.data().layers().get(0).label()));
	}

	/** The texts of an SVG file, which must be well-formed XML with an svg root. */
	private static List<String> svgTexts(Path svg) throws Exception {
		byte[] bytes = Files.readAllBytes(svg);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		// JFreeSVG names the SVG 1.1 DTD, which must not be fetched from the network
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
		assertEquals("svg", doc.getDocumentElement().getLocalName() != null ? doc.getDocumentElement().getLocalName() : doc.getDocumentElement().getTagName());
		List<String> texts = new ArrayList<>();
		var nodes = doc.getElementsByTagName("text");
		for (int i = 0; i < nodes.getLength(); i++)
			texts.add(nodes.item(i).getTextContent().trim());
		return texts;
	}
}
