#!/usr/bin/python3
"""Runs the original CIFAR-10 Keras model (testdata/keras/cifar10-bn-81.45.h5) in numpy on fixed inputs.

CIFAR-10 images are not on this machine, so the model's 81.45 % cannot be measured here; instead this gives the
outputs an importer must reproduce. Run with Debian's Python (h5py, numpy):
    /usr/bin/python3 make_reference.py [path/to/cifar10-bn-81.45.h5]
It rewrites, next to itself:
  inputs.u8      8 images of 3x32x32 bytes (channels first); the network reads byte / 255 (float32).
                 Images 0-3 are Fashion-MNIST test images 0-3 (/usr/share/datasets/fashion-mnist) on all three
                 channels, zero-padded to 32x32; images 4-7 are uniform random bytes (numpy seed 81).
  expected.txt   "8 10" and the logits (the dense layer's output before the softmax), then "8 10" and the
                 softmax probabilities, one values line each.

The forward pass follows the model as saved: Keras 2.0.4 with the Theano backend and channels_first data, read
from the file's model_config. Theano's conv2d is a true convolution (it flips the kernel; Keras converts such
kernels when it loads them into TensorFlow), 'same' pads k // 2 on each side, batch normalisation uses the moving
statistics, max pooling drops the incomplete border windows, Dropout does nothing, and this Flatten (no
data_format before Keras 2.2) flattens in channel-height-width memory order. No layer is folded or merged here.
"""
import gzip
import json
import os
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = os.path.join(HERE, "..", "..", "..", "..", "testdata", "keras", "cifar10-bn-81.45.h5")
FASHION = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def inputs():
    with gzip.open(FASHION) as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 28, 28)
    fashion = np.zeros((4, 3, 32, 32), dtype=np.uint8)
    fashion[:, :, 2:30, 2:30] = raw[:4, None, :, :]
    noise = np.random.default_rng(81).integers(0, 256, (4, 3, 32, 32), dtype=np.uint8)
    return np.concatenate([fashion, noise])


def weights(f, name):
    g = f["model_weights"][name]
    return {n.decode().split("/")[-1].split(":")[0]: g[n.decode()][()].astype(np.float64) for n in g.attrs["weight_names"]}


def conv_theano(x, kernel, bias, padding):
    """x [n, c, h, w], Keras kernel [kh, kw, in, out]; Theano flips the kernel (true convolution)."""
    kh, kw = kernel.shape[:2]
    if padding == "same":
        x = np.pad(x, ((0, 0), (0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    n, _, h, w = x.shape
    oh, ow = h - kh + 1, w - kw + 1
    out = np.zeros((n, kernel.shape[3], oh, ow))
    for dy in range(kh):
        for dx in range(kw):
            out += np.einsum("nchw,co->nohw", x[:, :, dy:dy + oh, dx:dx + ow], kernel[kh - 1 - dy, kw - 1 - dx])
    return out + bias[None, :, None, None]


def maxpool_valid(x, size, stride):
    oh, ow = (x.shape[2] - size[0]) // stride[0] + 1, (x.shape[3] - size[1]) // stride[1] + 1
    out = np.full(x.shape[:2] + (oh, ow), -np.inf)
    for dy in range(size[0]):
        for dx in range(size[1]):
            out = np.maximum(out, x[:, :, dy:dy + stride[0] * (oh - 1) + 1:stride[0], dx:dx + stride[1] * (ow - 1) + 1:stride[1]])
    return out


def forward(path, x):
    with h5py.File(path, "r") as f:
        assert f.attrs["backend"] == "theano", f.attrs["backend"]
        config = json.loads(f.attrs["model_config"])
        logits = None
        for layer in config["config"]:
            cls, cfg = layer["class_name"], layer["config"]
            if cfg.get("data_format", "channels_first") != "channels_first":
                raise ValueError(cfg["name"] + " is not channels_first")
            if cls == "Conv2D":
                assert cfg["strides"] == [1, 1] and cfg["dilation_rate"] == [1, 1] and cfg["activation"] == "linear"
                w = weights(f, cfg["name"])
                x = conv_theano(x, w["kernel"], w["bias"], cfg["padding"])
            elif cls == "BatchNormalization":
                assert cfg["axis"] == 1
                w = weights(f, cfg["name"])
                s = (None, slice(None)) + (None,) * (x.ndim - 2)  # per channel, axis 1
                x = (x - w["moving_mean"][s]) / np.sqrt(w["moving_variance"][s] + cfg["epsilon"]) * w["gamma"][s] + w["beta"][s]
            elif cls == "Activation" and cfg["activation"] == "relu":
                x = np.maximum(x, 0)
            elif cls == "Activation" and cfg["activation"] == "softmax":
                logits = x
                e = np.exp(x - x.max(axis=1, keepdims=True))
                x = e / e.sum(axis=1, keepdims=True)
            elif cls == "MaxPooling2D":
                assert cfg["padding"] == "valid"
                x = maxpool_valid(x, cfg["pool_size"], cfg["strides"])
            elif cls == "Dropout":
                pass
            elif cls == "Flatten":
                x = x.reshape(x.shape[0], -1)
            elif cls == "Dense":
                assert cfg["activation"] == "linear"
                w = weights(f, cfg["name"])
                x = x @ w["kernel"] + w["bias"]
            else:
                raise ValueError("no numpy forward pass for " + cls)
        return logits, x


def write(path, arrays):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        for a in arrays:
            f.write(" ".join(str(d) for d in a.shape) + "\n")
            f.write(" ".join("%.9g" % v for v in a.ravel()) + "\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    model = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_MODEL
    images = inputs()
    x = (images.astype(np.float32) / np.float32(255)).astype(np.float64)
    logits, probs = forward(model, x)
    tmp = os.path.join(HERE, "inputs.u8.tmp")
    images.tofile(tmp)
    os.replace(tmp, os.path.join(HERE, "inputs.u8"))
    write(os.path.join(HERE, "expected.txt"), [logits, probs])
    print("argmax", probs.argmax(axis=1), "max prob", probs.max(axis=1).round(3))
