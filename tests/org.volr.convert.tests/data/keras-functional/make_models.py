#!/usr/bin/python3
"""Writes small functional Keras 2 models with branches (.h5) and their reference outputs, without TensorFlow.

Run with Debian's Python (h5py 3.7, numpy 1.24):  /usr/bin/python3 make_models.py
It rewrites, next to itself:
  mlp_concat.h5       input 12 -> dense -> { dense | dense, dropout, dense } concatenated -> dense softmax
  cnn_inception.h5    10x10x2 channels_last -> conv (linear) -> { conv 1x1 | conv 3x3 same | maxpool 3 stride 1 same }
                      concatenated on the channels -> maxpool 2 -> flatten -> dense softmax
  cnn_residual.h5     8x8x3 -> conv relu -> { conv, batch norm, relu, conv, batch norm } + identity -> relu
                      -> identity + { { conv 1x1 | conv 1x1, { identity + conv 1x1 } }, conv 1x1 } (blocks nested
                      as in Inception-ResNet) -> maxpool -> flatten -> dense softmax
  mlp_concat.keras    the same model with the same weights in Keras 3's .keras layout (keras_history inbound
                      nodes), written with ../keras3/make_keras3.py's archive writer; it shares mlp_concat_expected.txt
  mlp_multiply.h5     two dense branches merged by Multiply (refused by the importer)
  cnn_concat_height.h5  two conv branches concatenated on the height axis (refused by the importer)
  <name>_expected.txt for the first three: the input (channels first, as Volr reads it) and the model's output
                      on it, each as a shape line and a values line.

The files copy the layout Keras 2.2.4 writes with model.save() (see testdata/keras/mnist-tiny-0.93.h5): root
attributes keras_version, backend and model_config (variable-length ASCII strings), a model_weights group with
layer_names/backend/keras_version, one group per layer with a weight_names attribute (an empty float64 array for
layers without weights) and the weights at model_weights/<layer>/<layer>/<kind>:0.

The outputs come from the numpy forward pass below, which interprets the model_config as Keras does:
channels_last tensors, TensorFlow 'same' padding (the extra pixel at the end, max pooling ignores padded
pixels), Flatten in h-w-c order. It shares no code with Volr Studio.
"""
import json
import os
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS_VERSION = "2.2.4"
ASCII = h5py.string_dtype("ascii")


# ------------------------------------------------------------------------------------------ Keras 2 config

def init(cls, cfg=None):
    return {"class_name": cls, "config": cfg or {}}


def input_layer(name, shape):
    return {"name": name, "class_name": "InputLayer",
            "config": {"batch_input_shape": [None] + list(shape), "dtype": "float32", "sparse": False, "name": name},
            "inbound_nodes": []}


def node(layer, *sources):
    layer["inbound_nodes"] = [[[s, 0, 0, {}] for s in sources]]
    return layer


def dense(name, units, activation):
    return {"name": name, "class_name": "Dense", "config": {
        "name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": init("VarianceScaling", {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform",
                                                       "seed": None}),
        "bias_initializer": init("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}


def conv2d(name, filters, k, activation, padding="valid"):
    return {"name": name, "class_name": "Conv2D", "config": {
        "name": name, "trainable": True, "filters": filters, "kernel_size": [k, k], "strides": [1, 1],
        "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1], "activation": activation,
        "use_bias": True,
        "kernel_initializer": init("VarianceScaling", {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform",
                                                       "seed": None}),
        "bias_initializer": init("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}


def maxpool(name, size, stride, padding):
    return {"name": name, "class_name": "MaxPooling2D", "config": {
        "name": name, "trainable": True, "pool_size": [size, size], "padding": padding, "strides": [stride, stride],
        "data_format": "channels_last"}}


def batchnorm(name):
    return {"name": name, "class_name": "BatchNormalization", "config": {
        "name": name, "trainable": True, "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True,
        "scale": True, "beta_initializer": init("Zeros"), "gamma_initializer": init("Ones"),
        "moving_mean_initializer": init("Zeros"), "moving_variance_initializer": init("Ones"),
        "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}}


def simple(cls, name, **cfg):
    return {"name": name, "class_name": cls, "config": dict({"name": name, "trainable": True}, **cfg)}


def flatten(name):
    return simple("Flatten", name, data_format="channels_last")


def model_config(name, layers, inputs, outputs):
    return {"class_name": "Model", "config": {"name": name, "layers": layers,
                                              "input_layers": [[i, 0, 0] for i in inputs],
                                              "output_layers": [[o, 0, 0] for o in outputs]}}


# ------------------------------------------------------------------------------------------ weights

class Weights:
    """Seeded random weights per layer, in the order Keras keeps them (kernel, bias; gamma, beta, mean, variance)."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.by_layer = {}

    def make(self, layer, input_channels):
        cls, cfg = layer["class_name"], layer["config"]
        r = self.rng
        if cls == "Dense":
            w = [("kernel", r.uniform(-0.5, 0.5, (input_channels, cfg["units"]))),
                 ("bias", r.uniform(-0.2, 0.2, cfg["units"]))]
        elif cls == "Conv2D":
            k = cfg["kernel_size"]
            w = [("kernel", r.uniform(-0.5, 0.5, (k[0], k[1], input_channels, cfg["filters"]))),
                 ("bias", r.uniform(-0.2, 0.2, cfg["filters"]))]
        elif cls == "BatchNormalization":
            n = input_channels
            w = [("gamma", r.uniform(0.5, 1.5, n)), ("beta", r.uniform(-0.3, 0.3, n)),
                 ("moving_mean", r.uniform(-0.3, 0.3, n)), ("moving_variance", r.uniform(0.5, 2.0, n))]
        else:
            w = []
        self.by_layer[cfg["name"]] = [(kind, a.astype(np.float32)) for kind, a in w]


def write_h5(path, config, weights):
    tmp = path + ".tmp"
    layer_names = [l["config"]["name"] for l in config["config"]["layers"]]
    with h5py.File(tmp, "w") as f:
        f.attrs.create("keras_version", KERAS_VERSION, dtype=ASCII)
        f.attrs.create("backend", "tensorflow", dtype=ASCII)
        f.attrs.create("model_config", json.dumps(config), dtype=ASCII)
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([n.encode("ascii") for n in layer_names])
        g.attrs.create("backend", "tensorflow", dtype=ASCII)
        g.attrs.create("keras_version", KERAS_VERSION, dtype=ASCII)
        for name in layer_names:
            lg = g.create_group(name)
            ws = weights.by_layer.get(name, [])
            if not ws:
                lg.attrs["weight_names"] = np.array([])  # Keras writes an empty float64 array
                continue
            lg.attrs["weight_names"] = np.array([("%s/%s:0" % (name, kind)).encode("ascii") for kind, _ in ws])
            for kind, a in ws:
                lg.create_dataset("%s/%s:0" % (name, kind), data=a)
    os.replace(tmp, path)


# ------------------------------------------------------------------------------------------ numpy forward pass

def same_pads(size, k, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return out, total // 2, total - total // 2


def conv2d_nhwc(x, kernel, bias, padding):
    kh, kw = kernel.shape[:2]
    if padding == "same":
        _, t, b = same_pads(x.shape[1], kh, 1)
        _, l, r = same_pads(x.shape[2], kw, 1)
        x = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
    n, h, w, _ = x.shape
    oh, ow = h - kh + 1, w - kw + 1
    out = np.zeros((n, oh, ow, kernel.shape[3]))
    for dy in range(kh):
        for dx in range(kw):
            out += np.einsum("nhwc,co->nhwo", x[:, dy:dy + oh, dx:dx + ow, :], kernel[dy, dx])
    return out + bias


def maxpool_nhwc(x, size, stride, padding):
    if padding == "same":
        oh, t, b = same_pads(x.shape[1], size, stride)
        ow, l, r = same_pads(x.shape[2], size, stride)
        x = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)), constant_values=-np.inf)
    else:
        oh, ow = (x.shape[1] - size) // stride + 1, (x.shape[2] - size) // stride + 1
    out = np.full((x.shape[0], oh, ow, x.shape[3]), -np.inf)
    for dy in range(size):
        for dx in range(size):
            out = np.maximum(out, x[:, dy:dy + stride * (oh - 1) + 1:stride, dx:dx + stride * (ow - 1) + 1:stride, :])
    return out


def activate(x, name):
    if name == "relu":
        return np.maximum(x, 0)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    assert name == "linear", name
    return x


def forward(config, weights, x):
    """Evaluates a Keras 2 functional model_config on a channels_last batch, layer by layer in config order."""
    out = {}
    output = config["config"]["output_layers"][0][0]
    for layer in config["config"]["layers"]:
        cls, cfg, name = layer["class_name"], layer["config"], layer["config"]["name"]
        ins = [out[s[0]] for node_ in layer["inbound_nodes"] for s in node_]
        w = {kind: a.astype(np.float64) for kind, a in weights.by_layer.get(name, [])}
        if cls == "InputLayer":
            y = x
        elif cls == "Dense":
            y = activate(ins[0] @ w["kernel"] + w["bias"], cfg["activation"])
        elif cls == "Conv2D":
            y = activate(conv2d_nhwc(ins[0], w["kernel"], w["bias"], cfg["padding"]), cfg["activation"])
        elif cls == "MaxPooling2D":
            y = maxpool_nhwc(ins[0], cfg["pool_size"][0], cfg["strides"][0], cfg["padding"])
        elif cls == "BatchNormalization":
            y = (ins[0] - w["moving_mean"]) / np.sqrt(w["moving_variance"] + cfg["epsilon"]) * w["gamma"] + w["beta"]
        elif cls == "Activation":
            y = activate(ins[0], cfg["activation"])
        elif cls == "Dropout":
            y = ins[0]
        elif cls == "Flatten":
            y = ins[0].reshape(ins[0].shape[0], -1)  # channels_last memory order: h, w, c
        elif cls == "Concatenate":
            y = np.concatenate(ins, axis=cfg["axis"])
        elif cls == "Add":
            y = sum(ins)
        elif cls == "Multiply":
            y = np.prod(ins, axis=0)
        else:
            raise ValueError("no numpy forward pass for " + cls)
        out[name] = y
        if name == output:
            return y
    raise ValueError("the output layer " + output + " is not in the model")


def build_weights(config, input_shape, seed):
    """Random weights for every layer, sized by the channels each layer reads (found by a forward pass of zeros)."""
    weights = Weights(seed)
    shapes = {}
    for layer in config["config"]["layers"]:
        name = layer["config"]["name"]
        sources = [s[0] for node_ in layer["inbound_nodes"] for s in node_]
        channels = shapes[sources[0]][-1] if sources else input_shape[-1]
        weights.make(layer, channels)
        partial = {"class_name": "Model", "config": dict(config["config"], output_layers=[[name, 0, 0]])}
        shapes[name] = forward(partial, weights, np.zeros((1,) + tuple(input_shape))).shape[1:]
    return weights


def write_expected(path, x_channels_last, y):
    x = x_channels_last if x_channels_last.ndim == 2 else x_channels_last.transpose(0, 3, 1, 2)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        for a in (x, y):
            f.write(" ".join(str(d) for d in a.shape) + "\n")
            f.write(" ".join("%.9g" % v for v in a.astype(np.float32).ravel()) + "\n")
    os.replace(tmp, path)


def keras3_config(config, shapes):
    """The Keras 2 functional config in Keras 3's form: module/registered_name, keras_history tensors, batch_shape."""
    sys.dont_write_bytecode = True  # no __pycache__ beside the committed data
    sys.path.insert(0, os.path.join(HERE, "..", "keras3"))
    import make_keras3 as k3
    layers = []
    for l in config["config"]["layers"]:
        cfg = dict(l["config"], dtype=k3.policy())
        if l["class_name"] == "InputLayer":
            cfg = {"batch_shape": l["config"]["batch_input_shape"], "dtype": "float32", "sparse": False,
                   "name": l["config"]["name"]}
        d = k3.layer(l["class_name"], cfg)
        tensors = [{"class_name": "__keras_tensor__", "config": {"shape": [None] + list(shapes[s[0]]),
                                                                  "dtype": "float32", "keras_history": [s[0], 0, 0]}}
                   for node_ in l["inbound_nodes"] for s in node_]
        d["name"] = l["name"]
        if not tensors:
            d["inbound_nodes"] = []
        else:  # a merge layer is called with one list of tensors
            d["inbound_nodes"] = [{"args": [tensors] if len(tensors) > 1 else tensors, "kwargs": {}}]
        layers.append(d)
    return {"module": "keras.src.models.functional", "class_name": "Functional",
            "config": {"name": config["config"]["name"], "trainable": True, "layers": layers,
                       "input_layers": config["config"]["input_layers"],
                       "output_layers": config["config"]["output_layers"]},
            "registered_name": "Functional", "build_config": {"input_shape": None}}, k3


def save(name, config, input_shape, seed, samples=3, keras3=False):
    weights = build_weights(config, input_shape, seed)
    if keras3:
        shapes = {}
        for l in config["config"]["layers"]:
            n = l["config"]["name"]
            partial = {"class_name": "Model", "config": dict(config["config"], output_layers=[[n, 0, 0]])}
            shapes[n] = forward(partial, weights, np.zeros((1,) + tuple(input_shape))).shape[1:]
        k3config, k3 = keras3_config(config, shapes)
        tmp = os.path.join(HERE, name + ".keras.tmp")
        k3.write_keras(tmp, k3config, [(l["class_name"], [a for _, a in weights.by_layer[l["config"]["name"]]])
                                       for l in config["config"]["layers"]], include_input_layer=True)
        os.replace(tmp, os.path.join(HERE, name + ".keras"))
    write_h5(os.path.join(HERE, name + ".h5"), config, weights)
    if samples:
        x = np.random.default_rng(seed + 100).uniform(-1, 1, (samples,) + tuple(input_shape)).astype(np.float32)
        y = forward(config, weights, x.astype(np.float64))
        write_expected(os.path.join(HERE, name + "_expected.txt"), x, y)


# ------------------------------------------------------------------------------------------ the models

def mlp_concat():
    layers = [input_layer("input_1", [12]),
              node(dense("dense_1", 16, "relu"), "input_1"),
              node(dense("dense_2", 8, "relu"), "dense_1"),
              node(dense("dense_3", 6, "relu"), "dense_1"),
              node(simple("Dropout", "dropout_1", rate=0.5, noise_shape=None, seed=None), "dense_3"),
              node(dense("dense_4", 5, "relu"), "dropout_1"),
              node(simple("Concatenate", "concatenate_1", axis=-1), "dense_2", "dense_4"),
              node(dense("dense_5", 4, "softmax"), "concatenate_1")]
    save("mlp_concat", model_config("model_1", layers, ["input_1"], ["dense_5"]), (12,), 1, keras3=True)


def cnn_inception():
    layers = [input_layer("input_1", [10, 10, 2]),
              node(conv2d("conv2d_1", 4, 3, "linear"), "input_1"),
              node(conv2d("conv2d_2", 3, 1, "relu"), "conv2d_1"),
              node(conv2d("conv2d_3", 5, 3, "relu", "same"), "conv2d_1"),
              node(maxpool("max_pooling2d_1", 3, 1, "same"), "conv2d_1"),
              node(simple("Concatenate", "concatenate_1", axis=-1), "conv2d_2", "conv2d_3", "max_pooling2d_1"),
              node(maxpool("max_pooling2d_2", 2, 2, "valid"), "concatenate_1"),
              node(flatten("flatten_1"), "max_pooling2d_2"),
              node(dense("dense_1", 10, "softmax"), "flatten_1")]
    save("cnn_inception", model_config("model_1", layers, ["input_1"], ["dense_1"]), (10, 10, 2), 2, samples=2)


def cnn_residual():
    layers = [input_layer("input_1", [8, 8, 3]),
              node(conv2d("conv2d_1", 4, 3, "relu", "same"), "input_1"),
              node(conv2d("conv2d_2", 4, 3, "linear", "same"), "conv2d_1"),
              node(batchnorm("batch_normalization_1"), "conv2d_2"),
              node(simple("Activation", "activation_1", activation="relu"), "batch_normalization_1"),
              node(conv2d("conv2d_3", 4, 3, "linear", "same"), "activation_1"),
              node(batchnorm("batch_normalization_2"), "conv2d_3"),
              node(simple("Add", "add_1"), "batch_normalization_2", "conv2d_1"),
              node(simple("Activation", "activation_2", activation="relu"), "add_1"),
              # a block nested in a branch: conv2d_4 | (conv2d_5, (conv2d_6 + identity))
              node(conv2d("conv2d_4", 2, 1, "relu"), "activation_2"),
              node(conv2d("conv2d_5", 4, 1, "relu"), "activation_2"),
              node(conv2d("conv2d_6", 4, 1, "linear"), "conv2d_5"),
              node(simple("Add", "add_2"), "conv2d_5", "conv2d_6"),
              node(simple("Concatenate", "concatenate_1", axis=3), "conv2d_4", "add_2"),
              # ... inside an Inception-ResNet-like block: activation_2 + conv2d_7(concatenate_1)
              node(conv2d("conv2d_7", 4, 1, "linear"), "concatenate_1"),
              node(simple("Add", "add_3"), "activation_2", "conv2d_7"),
              node(maxpool("max_pooling2d_1", 2, 2, "valid"), "add_3"),
              node(flatten("flatten_1"), "max_pooling2d_1"),
              node(dense("dense_1", 10, "softmax"), "flatten_1")]
    save("cnn_residual", model_config("model_1", layers, ["input_1"], ["dense_1"]), (8, 8, 3), 3, samples=2)


def mlp_multiply():
    layers = [input_layer("input_1", [6]),
              node(dense("dense_1", 4, "relu"), "input_1"),
              node(dense("dense_2", 4, "relu"), "input_1"),
              node(simple("Multiply", "multiply_1"), "dense_1", "dense_2"),
              node(dense("dense_3", 2, "softmax"), "multiply_1")]
    save("mlp_multiply", model_config("model_1", layers, ["input_1"], ["dense_3"]), (6,), 4, samples=0)


def cnn_concat_height():
    layers = [input_layer("input_1", [4, 4, 2]),
              node(conv2d("conv2d_1", 2, 1, "relu"), "input_1"),
              node(conv2d("conv2d_2", 2, 1, "relu"), "input_1"),
              node(simple("Concatenate", "concatenate_1", axis=1), "conv2d_1", "conv2d_2"),
              node(flatten("flatten_1"), "concatenate_1"),
              node(dense("dense_1", 2, "softmax"), "flatten_1")]
    save("cnn_concat_height", model_config("model_1", layers, ["input_1"], ["dense_1"]), (4, 4, 2), 5, samples=0)


if __name__ == "__main__":
    mlp_concat()
    cnn_inception()
    cnn_residual()
    mlp_multiply()
    cnn_concat_height()
