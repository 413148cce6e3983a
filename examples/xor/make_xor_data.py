# Writes xor.npz: the XOR truth table (inputs x, class y = a XOR b), 16 copies of each row.
# Run with Debian's python3-numpy:  /usr/bin/python3 make_xor_data.py
import numpy as np

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
y = np.array([0, 1, 1, 0], dtype=np.int64)
np.savez("xor.npz", x=np.tile(x, (16, 1)), y=np.tile(y, 16))
