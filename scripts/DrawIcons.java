import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws Volr Studio's icons (16 px, and 32 px for "@2x" screens): the .volr file and the completion proposals'
 * (keyword, layer, network, parameter) into bundles/org.volr.lang.ui/icons (the editor's bundle), the experiment launch, the results view, the perspective and the new-project wizard into
 * bundles/org.volr.ui/icons. Run from the repository's root:
 *     java scripts/DrawIcons.java
 * Drawn in code so that they can be changed and redrawn, not edited pixel by pixel.
 */
public class DrawIcons {
	static final Color VOLR = new Color(0x3b, 0x5b, 0xdb), SPIKE = new Color(0xf0, 0x8c, 0x00), RUN = new Color(0x2e, 0x9e, 0x44);

	public static void main(String[] args) throws Exception {
		File editor = new File("bundles/org.volr.lang.ui/icons"), dir = new File("bundles/org.volr.ui/icons");
		editor.mkdirs();
		dir.mkdirs();
		draw(editor, "volr-file", DrawIcons::file);
		draw(editor, "proposal-keyword", g -> letter(g, new Color(0x7f, 0x00, 0x55), "k"));
		draw(editor, "proposal-layer", DrawIcons::layer);
		draw(editor, "proposal-network", DrawIcons::network);
		draw(editor, "proposal-parameter", g -> letter(g, new Color(0x2e, 0x7d, 0x32), "p"));
		draw(dir, "experiment", DrawIcons::experiment);
		draw(dir, "results", DrawIcons::results);
		draw(dir, "perspective", DrawIcons::network);
		draw(dir, "new-project", DrawIcons::project);
	}

	static void draw(File dir, String name, Consumer<Graphics2D> painter) throws Exception {
		for (int size : new int[] { 16, 32 }) {
			BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
			Graphics2D g = image.createGraphics();
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
			g.scale(size / 16.0, size / 16.0);
			painter.accept(g);
			g.dispose();
			ImageIO.write(image, "png", new File(dir, name + (size == 16 ? "" : "@2x") + ".png"));
		}
	}

	/** A page with a folded corner and a spike train: a .volr source. */
	static void file(Graphics2D g) {
		Path2D page = new Path2D.Double();
		page.moveTo(2.5, 0.5);
		page.lineTo(10.5, 0.5);
		page.lineTo(13.5, 3.5);
		page.lineTo(13.5, 15.5);
		page.lineTo(2.5, 15.5);
		page.closePath();
		g.setColor(Color.WHITE);
		g.fill(page);
		g.setColor(VOLR);
		g.setStroke(new BasicStroke(1f));
		g.draw(page);
		spikes(g, 4, 12.5, 8, 7);
	}

	/** A spike train: a baseline with two spikes (orange), as a membrane would draw it. */
	static void spikes(Graphics2D g, double x, double y, double width, double height) {
		Path2D p = new Path2D.Double();
		p.moveTo(x, y);
		p.lineTo(x + width * 0.25, y);
		p.lineTo(x + width * 0.32, y - height);
		p.lineTo(x + width * 0.40, y);
		p.lineTo(x + width * 0.62, y);
		p.lineTo(x + width * 0.70, y - height);
		p.lineTo(x + width * 0.78, y);
		p.lineTo(x + width, y);
		g.setColor(SPIKE);
		g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(p);
	}

	/** The run triangle (green) with a spike: launching an experiment. */
	static void experiment(Graphics2D g) {
		Path2D play = new Path2D.Double();
		play.moveTo(2, 1.5);
		play.lineTo(14, 8);
		play.lineTo(2, 14.5);
		play.closePath();
		g.setColor(RUN);
		g.fill(play);
		g.setColor(RUN.darker());
		g.setStroke(new BasicStroke(0.8f));
		g.draw(play);
		g.setColor(Color.WHITE);
		g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		Path2D spike = new Path2D.Double();
		spike.moveTo(3.2, 9.5);
		spike.lineTo(5.5, 9.5);
		spike.lineTo(6.5, 4.5);
		spike.lineTo(7.5, 9.5);
		spike.lineTo(9.5, 9.5);
		g.draw(spike);
	}

	/** Axes with a rising accuracy curve and the ANN's dashed line: the results. */
	static void results(Graphics2D g) {
		g.setColor(Color.WHITE);
		g.fill(new RoundRectangle2D.Double(0.5, 0.5, 15, 15, 3, 3));
		g.setColor(new Color(0x55, 0x55, 0x55));
		g.setStroke(new BasicStroke(1f));
		g.draw(new RoundRectangle2D.Double(0.5, 0.5, 15, 15, 3, 3));
		g.setColor(new Color(0xd6, 0x27, 0x28));
		g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4f, new float[] { 2f, 1.5f }, 0f));
		g.draw(new Line2D.Double(2, 4.5, 14, 4.5));
		Path2D curve = new Path2D.Double();
		curve.moveTo(2.5, 13.5);
		curve.curveTo(4.5, 7, 7, 5.8, 13.5, 5.3);
		g.setColor(VOLR);
		g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(curve);
	}

	/** Three layers of neurons, connected: the Volr perspective. */
	static void network(Graphics2D g) {
		double[][] nodes = { { 3, 4 }, { 3, 12 }, { 8, 3 }, { 8, 8 }, { 8, 13 }, { 13, 8 } };
		int[][] edges = { { 0, 2 }, { 0, 3 }, { 0, 4 }, { 1, 2 }, { 1, 3 }, { 1, 4 }, { 2, 5 }, { 3, 5 }, { 4, 5 } };
		g.setColor(new Color(0x88, 0x99, 0xcc));
		g.setStroke(new BasicStroke(0.8f));
		for (int[] e : edges)
			g.draw(new Line2D.Double(nodes[e[0]][0], nodes[e[0]][1], nodes[e[1]][0], nodes[e[1]][1]));
		for (int i = 0; i < nodes.length; i++) {
			g.setColor(i == 5 ? SPIKE : VOLR);
			g.fill(new Ellipse2D.Double(nodes[i][0] - 2.2, nodes[i][1] - 2.2, 4.4, 4.4));
		}
	}

	/** A letter in a rounded square of the colour: the kind of a completion proposal. */
	static void letter(Graphics2D g, Color colour, String letter) {
		g.setColor(colour);
		g.fill(new RoundRectangle2D.Double(1.5, 1.5, 13, 13, 4, 4));
		g.setColor(Color.WHITE);
		g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 11));
		java.awt.FontMetrics m = g.getFontMetrics();
		g.drawString(letter, 8f - m.stringWidth(letter) / 2f, 8f + (m.getAscent() - m.getDescent()) / 2f);
	}

	/** A column of four neurons: a layer. */
	static void layer(Graphics2D g) {
		g.setColor(new Color(0xe8, 0xed, 0xfb));
		g.fill(new RoundRectangle2D.Double(4.5, 0.5, 7, 15, 3, 3));
		g.setColor(VOLR);
		g.setStroke(new BasicStroke(1f));
		g.draw(new RoundRectangle2D.Double(4.5, 0.5, 7, 15, 3, 3));
		for (int i = 0; i < 4; i++)
			g.fill(new Ellipse2D.Double(6.3, 1.9 + 3.4 * i, 3.4, 3.4));
	}

	/** A folder with the spike train: a Volr project. */
	static void project(Graphics2D g) {
		Path2D folder = new Path2D.Double();
		folder.moveTo(0.5, 3.5);
		folder.lineTo(5.5, 3.5);
		folder.lineTo(7, 5);
		folder.lineTo(15.5, 5);
		folder.lineTo(15.5, 14.5);
		folder.lineTo(0.5, 14.5);
		folder.closePath();
		g.setColor(new Color(0xe8, 0xed, 0xfb));
		g.fill(folder);
		g.setColor(VOLR);
		g.setStroke(new BasicStroke(1f));
		g.draw(folder);
		spikes(g, 3, 12.5, 10, 5.5);
	}
}
