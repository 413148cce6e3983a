# Writes fashion-png/: real Fashion-MNIST images (Debian's dataset-fashion-mnist) as PNG files in the layout of
# Keras' image_dataset_from_directory and torchvision's ImageFolder, one folder per class:
#     fashion-png/train/<class>/<index>.png   (the first 100 training images of each class)
#     fashion-png/test/<class>/<index>.png    (the first 30 test images of each class)
# <index> is the image's index in the IDX file, so every PNG can be traced back to its source.
# Run with Debian's python3 (no PIL needed):  /usr/bin/python3 make_pngs.py
import gzip
import os
import struct
import zlib

SOURCE = "/usr/share/datasets/fashion-mnist"
CLASSES = ["0_tshirt_top", "1_trouser", "2_pullover", "3_dress", "4_coat", "5_sandal", "6_shirt", "7_sneaker", "8_bag",
           "9_ankle_boot"]


def idx(name):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def png(path, width, height, pixels):
    """An 8-bit grayscale PNG: signature, IHDR, one IDAT (filter 0 per row), IEND."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


for split, prefix, per_class in (("train", "train", 100), ("test", "t10k", 30)):
    (n, h, w), images = idx(prefix + "-images-idx3-ubyte.gz")
    _, labels = idx(prefix + "-labels-idx1-ubyte.gz")
    written = [0] * 10
    for i in range(n):
        c = labels[i]
        if written[c] == per_class:
            continue
        folder = os.path.join("fashion-png", split, CLASSES[c])
        os.makedirs(folder, exist_ok=True)
        png(os.path.join(folder, "%05d.png" % i), w, h, images[i * h * w:(i + 1) * h * w])
        written[c] += 1
        if sum(written) == 10 * per_class:
            break
