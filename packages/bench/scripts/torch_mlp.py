"""Times one training step of the fanin reference MLP in PyTorch on one CPU thread.

The step is the one the fanin benchmark suite times (packages/bench): forward through
784-100-100-100-100-100-10 with ReLU between the layers, softmax cross-entropy, backward, an
Adam update (lr 1e-3), and reading the loss back as a float, once per mini-batch of 100. The
batches cycle through a fixed synthetic set of 10 batches, as the suite's hand-written loops do,
made the way the suite makes its set: x ~ N(0, 1), labels from a random linear teacher, and
targets (1 - eps) one-hot + eps / classes with eps = 0.1 (so the gradients never vanish into
subnormal floats, which would time the CPU's slow path instead of training).

Usage: /usr/bin/python3 scripts/torch_mlp.py [--sizes 784,100,...] [--batch 100] [--lr 1e-3]
                                              [--steps 200] [--repeats 5] [--warmup 10] [--serve]
                                              [--label-smoothing 0.1] [--batches 10]
Prints one JSON line: torch version, threads, the BLAS it was built against and the BLAS
libraries the process actually mapped (from /proc/self/maps), and milliseconds per step for
every repeat (wall clock and process CPU time).
"""

import argparse

import torch

from torch_timing import add_timing_arguments, run


def build(sizes):
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="784,100,100,100,100,100,10")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lr", type=float, default=1e-3)
    add_timing_arguments(parser, steps=200, warmup=10)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = build(sizes)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    examples = args.batch * args.batches
    x = torch.randn(examples, sizes[0])
    labels = (x @ torch.randn(sizes[0], sizes[-1])).argmax(dim=1)
    eps = args.label_smoothing
    targets = torch.nn.functional.one_hot(labels, sizes[-1]).float() * (1 - eps) + eps / sizes[-1]
    batches = [
        (x[i * args.batch:(i + 1) * args.batch], targets[i * args.batch:(i + 1) * args.batch])
        for i in range(args.batches)
    ]
    counter = [0]

    def step():
        x, y = batches[counter[0] % len(batches)]
        counter[0] += 1
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    run(step, args, {"batch": args.batch, "sizes": sizes})


if __name__ == "__main__":
    main()
