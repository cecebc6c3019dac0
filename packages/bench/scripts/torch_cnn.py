"""Times one training step of the fanin reference CNN in PyTorch on one CPU thread.

The network of packages/bench/src/training/reference-cnn.ts, laid out NCHW as PyTorch does:
conv 3x3x16 (padding 1, relu) -> max pool 2 -> conv 3x3x32 (padding 1, relu) -> max pool 2 ->
flatten -> linear 10, softmax cross-entropy on soft targets, Adam (lr 1e-3), the loss read back
as a float, once per mini-batch of 64 images of 28 x 28 x 1. The batches cycle through a fixed
synthetic set (x ~ N(0, 1), labels from a random linear teacher on the pixels, targets
(1 - eps) one-hot + eps / classes), as the suite's contenders do.

Usage: /usr/bin/python3 scripts/torch_cnn.py [--image 28,28,1] [--filters 16,32] [--kernel 3]
                                              [--classes 10] [--batch 64] [--lr 1e-3]
                                              [--steps 50] [--repeats 5] [--warmup 5] [--serve]
                                              [--label-smoothing 0.1] [--batches 10]
Prints one JSON line as scripts/torch_mlp.py does (torch version, threads, the BLAS actually
mapped into the process, milliseconds per step for every repeat, wall clock and CPU time).
"""

import argparse

import torch

from torch_timing import add_timing_arguments, run


def build(channels, filters, kernel, classes, height, width):
    pad = kernel // 2
    flat = filters[1] * (height // 4) * (width // 4)
    return torch.nn.Sequential(
        torch.nn.Conv2d(channels, filters[0], kernel, padding=pad),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(filters[0], filters[1], kernel, padding=pad),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(flat, classes),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", default="28,28,1")
    parser.add_argument("--filters", default="16,32")
    parser.add_argument("--kernel", type=int, default=3)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    add_timing_arguments(parser, steps=50, warmup=5)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    height, width, channels = [int(v) for v in args.image.split(",")]
    filters = [int(v) for v in args.filters.split(",")]

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = build(channels, filters, args.kernel, args.classes, height, width)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    examples = args.batch * args.batches
    x = torch.randn(examples, channels, height, width)
    teacher = torch.randn(channels * height * width, args.classes)
    labels = (x.reshape(examples, -1) @ teacher).argmax(dim=1)
    eps = args.label_smoothing
    targets = (
        torch.nn.functional.one_hot(labels, args.classes).float() * (1 - eps) + eps / args.classes
    )
    batches = [
        (x[i * args.batch:(i + 1) * args.batch], targets[i * args.batch:(i + 1) * args.batch])
        for i in range(args.batches)
    ]
    counter = [0]

    def step():
        xb, yb = batches[counter[0] % len(batches)]
        counter[0] += 1
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss.item()

    run(step, args, {"batch": args.batch})


if __name__ == "__main__":
    main()
