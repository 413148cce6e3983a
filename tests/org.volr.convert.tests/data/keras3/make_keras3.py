#!/usr/bin/env python3
"""Writes small Keras 3 `.keras` archives and reference outputs for Keras3ImportTest, without Keras.

Needs only numpy and h5py (Debian: python3-numpy, python3-h5py). Run from anywhere:
    python3 make_keras3.py
It rewrites, next to itself:
    cnn.keras / cnn_expected.txt   Sequential: Conv2D(4, 3, relu) - MaxPooling2D(2) - Flatten - Dense(10, softmax)
    mlp_bn.keras / mlp_bn_expected.txt
                                   Functional: Dense(16) - BatchNormalization - Activation(relu) - Dense(8, relu)
                                   - BatchNormalization(scale=False) - Dense(10, softmax), with custom layer names

The archive follows keras/src/saving/saving_lib.py (Keras 3.x):
  * zip entries metadata.json, config.json, model.weights.h5 (ZIP_STORED);
  * config.json = serialize_keras_object(model): {"module", "class_name", "config", "registered_name",
    "build_config", "compile_config"}; layers carry "module", "class_name", "config", "registered_name",
    "build_config"; Functional layers also "name" and "inbound_nodes" with __keras_tensor__ keras_history;
  * model.weights.h5 is written by _save_state/H5IOStore: every saveable gets a group "<path>/vars" whose
    datasets are named "0", "1", ... in the order trainable variables then non-trainable ones.  Layers of a
    Sequential/Functional model are visited as the container "layers", and container members are named
    by their CLASS in snake case (to_snake_case), numbered "_1", "_2" on repeats -- NOT by layer name.
    Sequential.layers omits the InputLayer, Functional.layers includes it.  The model itself has "/vars".
The expected files hold: input shape line, input values (channels-first, as Volr takes them), output shape
line, output values -- computed here with a numpy forward pass in Keras' channels_last semantics.
"""
import io
import json
import os
import re
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS_VERSION = "3.6.0"
rng = np.random.default_rng(20260524)


def snake(name):  # keras.src.utils.naming.to_snake_case
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def policy():
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}


def init(cls, cfg=None):
    return {"module": "keras.initializers", "class_name": cls, "config": cfg or {}, "registered_name": None}


def layer(cls, config, input_shape=None):
    d = {"module": "keras.layers", "class_name": cls, "config": config, "registered_name": None}
    if input_shape is not None:
        d["build_config"] = {"input_shape": input_shape}
    return d


def input_layer(batch_shape, name="input_layer"):
    return layer("InputLayer", {"batch_shape": batch_shape, "dtype": "float32", "sparse": False, "name": name})


def conv2d(name, filters, k, activation):
    return {"name": name, "trainable": True, "dtype": policy(), "filters": filters, "kernel_size": [k, k],
            "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
            "groups": 1, "activation": activation, "use_bias": True,
            "kernel_initializer": init("GlorotUniform", {"seed": None}), "bias_initializer": init("Zeros"),
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def dense(name, units, activation):
    return {"name": name, "trainable": True, "dtype": policy(), "units": units, "activation": activation,
            "use_bias": True, "kernel_initializer": init("GlorotUniform", {"seed": None}),
            "bias_initializer": init("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def batchnorm(name, scale=True, center=True):
    return {"name": name, "trainable": True, "dtype": policy(), "axis": -1, "momentum": 0.99, "epsilon": 0.001,
            "center": center, "scale": scale, "beta_initializer": init("Zeros"), "gamma_initializer": init("Ones"),
            "moving_mean_initializer": init("Zeros"), "moving_variance_initializer": init("Ones"),
            "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None,
            "synchronized": False}


def compile_config():
    return {"optimizer": {"module": "keras.optimizers", "class_name": "Adam",
                          "config": {"name": "adam", "learning_rate": 0.001, "weight_decay": None, "clipnorm": None,
                                     "global_clipnorm": None, "clipvalue": None, "use_ema": False,
                                     "ema_momentum": 0.99, "ema_overwrite_frequency": None, "loss_scale_factor": None,
                                     "gradient_accumulation_steps": None, "beta_1": 0.9, "beta_2": 0.999,
                                     "epsilon": 1e-07, "amsgrad": False}, "registered_name": None},
            "loss": "sparse_categorical_crossentropy", "loss_weights": None, "metrics": ["accuracy"],
            "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False}


def write_keras(path, config, layer_vars, include_input_layer):
    """layer_vars: [(class_name, [arrays])] for the layers of model.layers, in order."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as h5:
        h5.create_group("vars")  # the model's own (no) variables
        used = {}
        for cls, arrays in layer_vars:
            if cls == "InputLayer" and not include_input_layer:
                continue
            name = snake(cls)
            if name in used:
                used[name] += 1
                name = f"{name}_{used[name]}"
            else:
                used[name] = 0
            g = h5.create_group(f"layers/{name}").create_group("vars")
            for i, a in enumerate(arrays):
                g[str(i)] = np.asarray(a, dtype=np.float32)
        # a compiled, trained model also stores its optimizer state (ignored by the importer)
        opt = h5.create_group("optimizer").create_group("vars")
        opt["0"] = np.array(120, dtype=np.int64)
        opt["1"] = np.array(0.001, dtype=np.float32)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", json.dumps({"keras_version": KERAS_VERSION, "date_saved": "2026-05-24@10:00:00"}))
        zf.writestr("config.json", json.dumps(config))
        zf.writestr("model.weights.h5", buf.getvalue())


def write_expected(path, x_cf, y):
    with open(path, "w") as f:
        for a in (x_cf, y):
            f.write(" ".join(str(d) for d in a.shape) + "\n")
            f.write(" ".join(repr(float(v)) for v in a.astype(np.float32).ravel()) + "\n")


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def relu(z):
    return np.maximum(z, 0)


def f32(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


# ------------------------------------------------------------------------------------------------ CNN (Sequential)
def make_cnn():
    H = W = 10
    C = 2
    kernel, bias = f32(3, 3, C, 4, scale=0.5), f32(4, scale=0.1)
    dk, db = f32(4 * 4 * 4, 10, scale=0.3), f32(10, scale=0.1)
    layers = [
        input_layer([None, H, W, C]),
        layer("Conv2D", conv2d("conv2d", 4, 3, "relu"), [None, H, W, C]),
        layer("MaxPooling2D", {"name": "max_pooling2d", "trainable": True, "dtype": policy(), "pool_size": [2, 2],
                               "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}, [None, 8, 8, 4]),
        layer("Flatten", {"name": "flatten", "trainable": True, "dtype": policy(), "data_format": "channels_last"},
              [None, 4, 4, 4]),
        layer("Dense", dense("dense", 10, "softmax"), [None, 64]),
    ]
    config = {"module": "keras", "class_name": "Sequential",
              "config": {"name": "sequential", "trainable": True, "dtype": policy(), "layers": layers,
                         "build_input_shape": [None, H, W, C]},
              "registered_name": None, "build_config": {"input_shape": [None, H, W, C]},
              "compile_config": compile_config()}
    write_keras(os.path.join(HERE, "cnn.keras"), config,
                [("InputLayer", []), ("Conv2D", [kernel, bias]), ("MaxPooling2D", []), ("Flatten", []),
                 ("Dense", [dk, db])], include_input_layer=False)

    x = rng.random((5, H, W, C), dtype=np.float32)  # channels_last, as Keras takes it
    conv = np.zeros((5, 8, 8, 4), dtype=np.float64)
    for i in range(3):
        for j in range(3):
            conv += np.einsum("nhwc,co->nhwo", x[:, i:i + 8, j:j + 8, :], kernel[i, j])
    conv = relu(conv + bias)
    pooled = conv.reshape(5, 4, 2, 4, 2, 4).max(axis=(2, 4))
    y = softmax(pooled.reshape(5, -1) @ dk + db)  # Keras flattens h, w, c
    write_expected(os.path.join(HERE, "cnn_expected.txt"), x.transpose(0, 3, 1, 2), y)


# ------------------------------------------------------------------------------------------------ MLP (Functional)
def make_mlp():
    def bn_vars(n, scale):
        gamma = (1 + f32(n, scale=0.2)) if scale else None
        beta, mean = f32(n, scale=0.2), f32(n, scale=0.3)
        var = (0.5 + rng.random(n)).astype(np.float32)
        return gamma, beta, mean, var

    k1, b1 = f32(12, 16, scale=0.4), f32(16, scale=0.1)
    g1, be1, m1, v1 = bn_vars(16, True)
    k2, b2 = f32(16, 8, scale=0.4), f32(8, scale=0.1)
    _, be2, m2, v2 = bn_vars(8, False)
    k3, b3 = f32(8, 10, scale=0.5), f32(10, scale=0.1)

    specs = [  # (class, config, input shape, variables in Keras 3 order)
        ("InputLayer", None, None, []),
        ("Dense", dense("hidden", 16, "linear"), [None, 12], [k1, b1]),
        ("BatchNormalization", batchnorm("bn_hidden"), [None, 16], [g1, be1, m1, v1]),
        ("Activation", {"name": "act", "trainable": True, "dtype": policy(), "activation": "relu"}, [None, 16], []),
        ("Dense", dense("features", 8, "relu"), [None, 16], [k2, b2]),
        ("BatchNormalization", batchnorm("bn_features", scale=False), [None, 8], [be2, m2, v2]),
        ("Dense", dense("logits", 10, "softmax"), [None, 8], [k3, b3]),
    ]
    layers, previous = [], None
    for cls, cfg, shape, _ in specs:
        if cls == "InputLayer":
            d = input_layer([None, 12], "input_layer")
            d["name"], d["inbound_nodes"] = "input_layer", []
            previous = "input_layer"
        else:
            d = layer(cls, cfg, shape)
            d["name"] = cfg["name"]
            d["inbound_nodes"] = [{"args": [{"class_name": "__keras_tensor__", "config": {
                "shape": shape, "dtype": "float32", "keras_history": [previous, 0, 0]}}], "kwargs": {}}]
            if cls == "BatchNormalization":
                d["inbound_nodes"][0]["kwargs"] = {"mask": None}
            previous = cfg["name"]
        layers.append(d)
    config = {"module": "keras.src.models.functional", "class_name": "Functional",
              "config": {"name": "mlp_bn", "trainable": True, "layers": layers,
                         "input_layers": [["input_layer", 0, 0]], "output_layers": [[previous, 0, 0]]},
              "registered_name": "Functional", "build_config": {"input_shape": None},
              "compile_config": compile_config()}
    write_keras(os.path.join(HERE, "mlp_bn.keras"), config, [(c, v) for c, _, _, v in specs],
                include_input_layer=True)

    eps = 1e-3
    x = rng.standard_normal((5, 12)).astype(np.float32)
    h = x @ k1 + b1
    h = (h - m1) / np.sqrt(v1 + eps) * g1 + be1
    h = relu(h)
    h = relu(h @ k2 + b2)
    h = (h - m2) / np.sqrt(v2 + eps) + be2
    y = softmax(h @ k3 + b3)
    write_expected(os.path.join(HERE, "mlp_bn_expected.txt"), x, y)


if __name__ == "__main__":
    make_cnn()
    make_mlp()
    for f in sorted(os.listdir(HERE)):
        print(f, os.path.getsize(os.path.join(HERE, f)))
