package org.volr.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * A folder of images sorted into one subfolder per class, the layout of Keras' {@code image_dataset_from_directory}
 * and torchvision's {@code ImageFolder}: {@code <path>/<split>/<class>/*.png} when the split folder exists, else
 * {@code <path>/<class>/*}. Classes are numbered in the order of their names; images (PNG, JPEG, GIF, BMP) must all
 * have the size and the colour of the first. Samples are channels first, [1, h, w] for grey and [3, h, w] for
 * colour images, pixels scaled to [0, 1] unless the options give a scale.
 */
final class ImageFolderDataset {
	private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

	private ImageFolderDataset() {
	}

	private record Image(Path file, int label) {
	}

	static Dataset open(Path root, String split, DatasetOptions options) {
		Path dir = Files.isDirectory(root.resolve(split)) ? root.resolve(split) : root;
		List<Path> classes = list(dir, Files::isDirectory);
		if (classes.isEmpty())
			throw new DataFormatException(dir.toString(), "expected one folder of images per class (" + dir.resolve("<class>/*.png")
					+ "), found no folders");
		List<List<Path>> perClass = new ArrayList<>();
		for (Path c : classes) {
			List<Path> images = list(c, p -> Files.isRegularFile(p) && EXTENSIONS.contains(extension(p)));
			if (images.isEmpty())
				throw new DataFormatException(c.toString(), "class folder without images (expected .png, .jpg, .gif or .bmp files)");
			perClass.add(images);
		}
		// classes take turns (first image of each class, then the second, ...), so that a limit keeps every class
		List<Image> order = new ArrayList<>();
		for (int k = 0; order.size() < perClass.stream().mapToInt(List::size).sum(); k++)
			for (int c = 0; c < perClass.size(); c++)
				if (k < perClass.get(c).size())
					order.add(new Image(perClass.get(c).get(k), c));
		int from = (int) Math.min(options.offset(), order.size());
		int to = options.limit() < 0 ? order.size() : (int) Math.min(order.size(), from + options.limit());
		List<Image> chosen = order.subList(from, to);
		if (chosen.isEmpty())
			throw new DataFormatException(dir.toString(), "no images left after offset " + options.offset());
		BufferedImage first = read(chosen.get(0).file());
		int h = first.getHeight(), w = first.getWidth(), channels = grey(first) ? 1 : 3;
		float scale = (float) options.scale().orElse(1 / 255.0);
		int size = channels * h * w;
		float[] features = new float[chosen.size() * size];
		int[] labels = new int[chosen.size()];
		for (int s = 0; s < chosen.size(); s++) {
			Image image = chosen.get(s);
			BufferedImage img = s == 0 ? first : read(image.file());
			if (img.getWidth() != w || img.getHeight() != h)
				throw new DataFormatException(image.file().toString(), "is " + img.getWidth() + " × " + img.getHeight()
						+ " pixels, but " + chosen.get(0).file().getFileName() + " is " + w + " × " + h + "; all images must have one size");
			if (channels == 1 && !grey(img))
				throw new DataFormatException(image.file().toString(), "is in colour, but " + chosen.get(0).file().getFileName()
						+ " is grey; all images must be grey or all in colour");
			int base = s * size;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					if (channels == 1) {
						features[base + y * w + x] = img.getRaster().getSample(x, y, 0) * scale;
					} else {
						int rgb = img.getRGB(x, y);
						features[base + y * w + x] = ((rgb >> 16) & 0xFF) * scale;
						features[base + h * w + y * w + x] = ((rgb >> 8) & 0xFF) * scale;
						features[base + 2 * h * w + y * w + x] = (rgb & 0xFF) * scale;
					}
				}
			labels[s] = image.label();
		}
		return new ArrayDataset(dir.getFileName() + " (" + classes.size() + " classes)", new int[] { channels, h, w }, classes.size(), features,
				labels);
	}

	/** One 8- or 16-bit grey band, with or without alpha: read as grey, one channel. */
	private static boolean grey(BufferedImage img) {
		int bands = img.getColorModel().getNumColorComponents();
		return bands == 1 && img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
	}

	private static BufferedImage read(Path file) {
		try {
			BufferedImage img = ImageIO.read(file.toFile());
			if (img == null)
				throw new DataFormatException(file.toString(), "offset 0: not an image this reader knows (PNG, JPEG, GIF or BMP)");
			return img;
		} catch (IOException e) {
			throw new DataFormatException(file.toString(), "cannot be read as an image: " + e.getMessage(), e);
		}
	}

	private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(keep).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String extension(Path p) {
		String n = p.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
	}
}
