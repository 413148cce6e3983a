#!/usr/bin/python3
"""Writes small ONNX models shaped like real exports, byte by byte (no onnx or torch package), and their
reference outputs from an independent numpy forward pass.

Run with Debian's Python (numpy):  /usr/bin/python3 make_models.py
It rewrites, next to itself:
  nhwc.onnx, nhwc.npz    as tf2onnx converts a Keras CNN: an NHWC input [N, 6, 6, 2], Transpose to NCHW, Conv 2->3
                         k3 pads 1, Relu, Transpose back to NHWC, Reshape [-1, 108], MatMul + Add (the dense
                         layer's rows in h-w-c order), opset 13
  bn1d.onnx, bn1d.npz    as old PyTorch (opset 9) exports BatchNorm1d: Gemm (transB), Unsqueeze axes [2],
                         BatchNormalization, Squeeze axes [2], Relu, then a Gemm whose weight goes through an
                         Identity node (an initializer copied, as exports of shared weights do) and an Identity
                         on the data path
  several.onnx           Gemm, Selu, Gemm, Tanh, Gemm, Elu: three operators the importer refuses, all to be named
Each .npz holds 'x' (8 random inputs, batch first, channels first as Volr reads them) and 'y' (the outputs).
"""
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261207)

FLOAT, INT64 = 1, 7
A_FLOAT, A_INT, A_INTS = 1, 2, 7


# ------------------------------------------------------------------------------------------ protobuf wire format

def varint(v):
    out = bytearray()
    v &= (1 << 64) - 1
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def f_varint(field, v):
    return key(field, 0) + varint(v)


def f_bytes(field, data):
    if isinstance(data, str):
        data = data.encode()
    return key(field, 2) + varint(len(data)) + data


def f_float(field, v):
    return key(field, 5) + struct.pack("<f", v)


# ------------------------------------------------------------------------------------------ ONNX messages

def tensor(name, array):
    array = np.ascontiguousarray(array)
    dtype = FLOAT if array.dtype == np.float32 else INT64
    msg = b"".join(f_varint(1, d) for d in array.shape)
    msg += f_varint(2, dtype) + f_bytes(8, name) + f_bytes(9, array.astype("<f4" if dtype == FLOAT else "<i8").tobytes())
    return msg


def attr_int(name, v):
    return f_bytes(1, name) + f_varint(3, v) + f_varint(20, A_INT)


def attr_float(name, v):
    return f_bytes(1, name) + f_float(2, v) + f_varint(20, A_FLOAT)


def attr_ints(name, values):
    return f_bytes(1, name) + b"".join(f_varint(8, v) for v in values) + f_varint(20, A_INTS)


def node(op, inputs, outputs, name, *attrs):
    msg = b"".join(f_bytes(1, i) for i in inputs) + b"".join(f_bytes(2, o) for o in outputs)
    msg += f_bytes(3, name) + f_bytes(4, op)
    return msg + b"".join(f_bytes(5, a) for a in attrs)


def value_info(name, dims):
    shape = b""
    for d in dims:
        shape += f_bytes(1, f_bytes(2, d) if isinstance(d, str) else f_varint(1, d))
    tensor_type = f_varint(1, FLOAT) + f_bytes(2, shape)
    return f_bytes(1, name) + f_bytes(2, f_bytes(1, tensor_type))


def model(name, nodes, initializers, inp, out, opset):
    graph = b"".join(f_bytes(1, n) for n in nodes) + f_bytes(2, name)
    graph += b"".join(f_bytes(5, tensor(k, v)) for k, v in initializers.items())
    graph += f_bytes(11, value_info(*inp)) + f_bytes(12, value_info(*out))
    m = f_varint(1, 7) + f_bytes(2, "make_models.py") + f_bytes(7, graph) + f_bytes(8, f_bytes(1, "") + f_varint(2, opset))
    with open(os.path.join(HERE, name + ".onnx"), "wb") as f:
        f.write(m)


def f32(*shape, low=-1.0, high=1.0):
    return rng.uniform(low, high, shape).astype(np.float32)


# ------------------------------------------------------------------------------------------ numpy forward pass

def conv2d_nchw(x, w, b, pad):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    y = np.zeros((n, o, oh, ow), np.float64)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i:i + kh, j:j + kw].astype(np.float64)
            y[:, :, i, j] = np.einsum("nckl,ockl->no", patch, w.astype(np.float64))
    return y + b.reshape(1, -1, 1, 1)


def save(name, x_volr, y):
    np.savez_compressed(os.path.join(HERE, name + ".npz"), x=x_volr.astype(np.float32), y=y.astype(np.float32))
    print(name, os.path.getsize(os.path.join(HERE, name + ".onnx")), "bytes; y", y.shape)


# nhwc: tf2onnx's layout around a Keras CNN
w_conv, b_conv = f32(3, 2, 3, 3), f32(3)
w_fc, b_fc = f32(6 * 6 * 3, 5), f32(5)
model("nhwc", [
    node("Transpose", ["input_1"], ["t_in"], "transpose_in", attr_ints("perm", [0, 3, 1, 2])),
    node("Conv", ["t_in", "conv2d/kernel", "conv2d/bias"], ["c"], "conv2d", attr_ints("kernel_shape", [3, 3]),
         attr_ints("pads", [1, 1, 1, 1]), attr_ints("strides", [1, 1])),
    node("Relu", ["c"], ["r"], "conv2d/Relu"),
    node("Transpose", ["r"], ["t_out"], "transpose_out", attr_ints("perm", [0, 2, 3, 1])),
    node("Reshape", ["t_out", "flatten/shape"], ["flat"], "flatten/Reshape"),
    node("MatMul", ["flat", "dense/kernel"], ["mm"], "dense/MatMul"),
    node("Add", ["mm", "dense/bias"], ["dense"], "dense/BiasAdd"),
], {"conv2d/kernel": w_conv, "conv2d/bias": b_conv, "flatten/shape": np.array([-1, 108], np.int64),
    "dense/kernel": w_fc, "dense/bias": b_fc}, ("input_1", ["unk__6", 6, 6, 2]), ("dense", ["unk__7", 5]), 13)
x_nhwc = f32(8, 6, 6, 2, low=0.0)
hidden = np.maximum(conv2d_nchw(x_nhwc.transpose(0, 3, 1, 2), w_conv, b_conv, 1), 0)
y = hidden.transpose(0, 2, 3, 1).reshape(8, -1) @ w_fc.astype(np.float64) + b_fc
save("nhwc", x_nhwc.transpose(0, 3, 1, 2), y)

# bn1d: PyTorch 1.x's BatchNorm1d export at opset 9, with Identity nodes
w1, b1 = f32(6, 8), f32(6)
gamma, beta, mean, var = f32(6, low=0.5, high=1.5), f32(6), f32(6, low=-0.5, high=0.5), f32(6, low=0.5, high=2.0)
w2, b2 = f32(4, 6), f32(4)
model("bn1d", [
    node("Gemm", ["input", "fc1.weight", "fc1.bias"], ["g1"], "Gemm_0", attr_int("transB", 1)),
    node("Unsqueeze", ["g1"], ["u"], "Unsqueeze_1", attr_ints("axes", [2])),
    node("BatchNormalization", ["u", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"], ["bn"],
         "BatchNormalization_2", attr_float("epsilon", 1e-5), attr_float("momentum", 0.9)),
    node("Squeeze", ["bn"], ["s"], "Squeeze_3", attr_ints("axes", [2])),
    node("Relu", ["s"], ["r"], "Relu_4"),
    node("Identity", ["r"], ["i"], "Identity_5"),
    node("Identity", ["fc2.weight"], ["fc2.weight.copy"], "Identity_6"),
    node("Gemm", ["i", "fc2.weight.copy", "fc2.bias"], ["output"], "Gemm_7", attr_int("transB", 1)),
], {"fc1.weight": w1, "fc1.bias": b1, "bn.weight": gamma, "bn.bias": beta, "bn.running_mean": mean,
    "bn.running_var": var, "fc2.weight": w2, "fc2.bias": b2}, ("input", ["batch", 8]), ("output", ["batch", 4]), 9)
x = f32(8, 8)
h = x.astype(np.float64) @ w1.T + b1
h = (h - mean) / np.sqrt(var.astype(np.float64) + 1e-5) * gamma + beta
y = np.maximum(h, 0) @ w2.T + b2
save("bn1d", x, y)

# several: three refused operators in one model
model("several", [
    node("Gemm", ["input", "a.weight"], ["a"], "Gemm_0", attr_int("transB", 1)),
    node("Selu", ["a"], ["sa"], "Selu_1"),
    node("Gemm", ["sa", "b.weight"], ["b"], "Gemm_2", attr_int("transB", 1)),
    node("Tanh", ["b"], ["tb"], "Tanh_3"),
    node("Gemm", ["tb", "c.weight"], ["c"], "Gemm_4", attr_int("transB", 1)),
    node("Elu", ["c"], ["output"], "Elu_5"),
], {"a.weight": f32(4, 4), "b.weight": f32(4, 4), "c.weight": f32(2, 4)}, ("input", ["batch", 4]),
    ("output", ["batch", 2]), 13)
print("several", os.path.getsize(os.path.join(HERE, "several.onnx")), "bytes")
