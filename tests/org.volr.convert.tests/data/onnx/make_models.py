#!/usr/bin/python3
"""Makes the ONNX test models for OnnxImportTest, with Debian's python3-torch and python3-onnx:

    /usr/bin/python3 make_models.py

Writes, next to this script:
  mlp.onnx, mlp.npz       MLP 784-64-10 with ReLU (untrained, fixed seed)
  cnn.onnx, cnn.npz       conv 1->4 k3 pad1, relu, maxpool 2, conv 4->8 k3 stride 2, relu, global avg pool,
                          flatten, linear 10
  cnnbn.onnx, cnnbn.npz   small CNN + MLP with batch norms (exported in eval mode) and an AvgPool
  tanh.onnx               Gemm followed by Tanh (an op the importer refuses)
  branch.onnx             a residual Gemm + Add (not a chain; refused)
  matmul.onnx, .npz       MatMul+Add, Relu, Identity, MatMul+Add, Softmax at opset 11 (outputs from numpy)
Each .npz holds 'x' (20 random inputs, batch first) and 'y' (PyTorch's outputs for them).
"""
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper  # noqa: F401  (numpy_helper: onnx.numpy_helper)

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(1234)
np.random.seed(1234)


def export(model, example, name, x):
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, example, path, opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    onnx.checker.check_model(onnx.load(path))
    with torch.no_grad():
        y = model(torch.from_numpy(x)).numpy()
    np.savez_compressed(os.path.join(HERE, name + ".npz"), x=x, y=y)
    print(name, os.path.getsize(path), "bytes; y", y.shape)


mlp = torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
export(mlp, torch.zeros(1, 784), "mlp", np.random.rand(20, 784).astype(np.float32))

cnn = torch.nn.Sequential(
    torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(4, 8, 3, stride=2), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
    torch.nn.Flatten(), torch.nn.Linear(8, 10))
export(cnn, torch.zeros(1, 1, 28, 28), "cnn", np.random.rand(20, 1, 28, 28).astype(np.float32))


class CnnBn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = torch.nn.BatchNorm2d(4)
        self.dw = torch.nn.Conv2d(4, 8, 3, groups=4, dilation=2, padding=2)
        self.pool = torch.nn.AvgPool2d(2)
        self.fc1 = torch.nn.Linear(8 * 7 * 7, 16)
        self.bn2 = torch.nn.BatchNorm1d(16)
        self.drop = torch.nn.Dropout(0.5)
        self.fc2 = torch.nn.Linear(16, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.pool(torch.relu(self.dw(x)))
        x = x.reshape(-1, 8 * 7 * 7)
        x = torch.relu(self.bn2(self.fc1(x)))
        return torch.softmax(self.fc2(self.drop(x)), dim=1)


cnnbn = CnnBn()
with torch.no_grad():  # non-trivial running statistics, so that folding is really tested
    for bn in (cnnbn.bn1, cnnbn.bn2):
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 2.0)
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
export(cnnbn, torch.zeros(1, 1, 14, 14), "cnnbn", np.random.rand(20, 1, 14, 14).astype(np.float32))

# an op the importer refuses: Gemm then Tanh
w = helper.make_tensor("fc.weight", TensorProto.FLOAT, [3, 4], np.random.rand(12).astype(np.float32).tolist())
b = helper.make_tensor("fc.bias", TensorProto.FLOAT, [3], [0.0, 0.0, 0.0])
graph = helper.make_graph(
    [helper.make_node("Gemm", ["input", "fc.weight", "fc.bias"], ["h"], name="fc", transB=1),
     helper.make_node("Tanh", ["h"], ["output"], name="squash")],
    "tanh", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 4])],
    [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])], initializer=[w, b])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "tanh.onnx"))

# a graph that is not a chain: a residual connection (Gemm output + input)
w = helper.make_tensor("res.weight", TensorProto.FLOAT, [4, 4], np.random.rand(16).astype(np.float32).tolist())
graph = helper.make_graph(
    [helper.make_node("Gemm", ["input", "res.weight"], ["h"], name="res", transB=1),
     helper.make_node("Add", ["h", "input"], ["output"], name="skip")],
    "branch", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 4])],
    [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 4])], initializer=[w])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "branch.onnx"))

# MatMul + Add (as exporters write dense layers without Gemm), outputs computed with numpy
w1 = np.random.randn(6, 5).astype(np.float32)
b1 = np.random.randn(5).astype(np.float32)
w2 = np.random.randn(5, 3).astype(np.float32)
b2 = np.random.randn(3).astype(np.float32)
inits = [numpy_helper.from_array(a, n) for a, n in ((w1, "l1.weight"), (b1, "l1.bias"), (w2, "l2.weight"), (b2, "l2.bias"))]
graph = helper.make_graph(
    [helper.make_node("MatMul", ["input", "l1.weight"], ["m1"], name="mm1"),
     helper.make_node("Add", ["m1", "l1.bias"], ["a1"], name="add1"),
     helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
     helper.make_node("Identity", ["r1"], ["i1"], name="id1"),
     helper.make_node("MatMul", ["i1", "l2.weight"], ["m2"], name="mm2"),
     helper.make_node("Add", ["m2", "l2.bias"], ["a2"], name="add2"),
     helper.make_node("Softmax", ["a2"], ["output"], name="sm", axis=1)],
    "matmul", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 6])],
    [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])], initializer=inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "matmul.onnx"))
x = np.random.rand(20, 6).astype(np.float32)
z = np.maximum(x @ w1 + b1, 0) @ w2 + b2
y = np.exp(z - z.max(axis=1, keepdims=True))
np.savez_compressed(os.path.join(HERE, "matmul.npz"), x=x, y=(y / y.sum(axis=1, keepdims=True)).astype(np.float32))
