"""Timing shared by the PyTorch twins of the bench's reference networks (torch_mlp.py,
torch_cnn.py): which BLAS the process really runs, and the two ways a step is timed.

- Batch mode (the default): `--repeats` runs of `--steps` steps after `--warmup`, printed as one
  JSON line with milliseconds per step for every repeat.
- Serve mode (`--serve`): after the warm-up it prints one JSON line describing the process
  (torch version, threads, BLAS), then reads step counts from stdin, one per line, times that
  many steps and answers each with one JSON line {"wallMs", "cpuMs", "loss"} (totals for the
  run). An empty line, "quit" or the end of stdin ends it. The bench uses this to time PyTorch
  in turns with its JavaScript contenders, so that both see the same state of the machine.
"""

import json
import re
import sys
import time

import torch


def add_timing_arguments(parser, steps, warmup):
    parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=warmup)
    parser.add_argument("--serve", action="store_true")


def blas_info():
    """The BLAS torch was built against (a build flag, not what is loaded)."""
    match = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return match.group(1) if match else "unknown"


BLAS_NAMES = re.compile(r"(openblas|mkl|blis|atlas|accelerate|libblas|libcblas|flexiblas)", re.I)


def loaded_blas():
    """The BLAS libraries this process has mapped (read after a matrix product ran), from
    /proc/self/maps: what PyTorch actually calls, whatever it was built against. Debian's
    libblas.so.3 is an alternative that points at the reference BLAS or at OpenBLAS; the
    resolved path says which."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if len(line.split()) >= 6}
    except OSError:
        return []
    return sorted(p for p in paths if BLAS_NAMES.search(p.rsplit("/", 1)[-1]))


def blas_kind(paths):
    """"openblas", "mkl", "blis", "reference" (netlib libblas without an optimized one
    mapped) or "unknown"."""
    names = " ".join(p.lower() for p in paths)
    for kind in ("openblas", "mkl", "blis"):
        if kind in names:
            return kind
    if any("/blas/" in p or p.endswith("libblas.so.3") for p in paths):
        return "reference"
    return "unknown"


def describe():
    """What this process runs: torch version, threads, the BLAS built against and mapped."""
    mapped = loaded_blas()
    return {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_info(),
        "blasLoaded": mapped,
        "blasKind": blas_kind(mapped),
    }


def timed(step, steps):
    """Runs `steps` steps; total wall-clock and process CPU milliseconds, and the last loss."""
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    loss = float("nan")
    for _ in range(steps):
        loss = step()
    return (time.perf_counter() - wall_start) * 1000, (time.process_time() - cpu_start) * 1000, loss


def emit(record):
    print(json.dumps(record), flush=True)


def run(step, args, extra):
    """Warms up, then times `step` in batch mode or serve mode (see the module's docstring)."""
    for _ in range(args.warmup):
        step()
    if args.serve:
        emit({**describe(), **extra})
        for line in sys.stdin:
            command = line.strip()
            if command in ("", "quit"):
                break
            steps = int(command)
            if steps < 1:
                raise SystemExit(f"serve: a step count must be a positive integer, got {command}")
            wall, cpu, loss = timed(step, steps)
            emit({"wallMs": wall, "cpuMs": cpu, "loss": loss})
        return
    wall, cpu = [], []
    for _ in range(args.repeats):
        total_wall, total_cpu, _ = timed(step, args.steps)
        wall.append(total_wall / args.steps)
        cpu.append(total_cpu / args.steps)
    emit({
        **describe(),
        **extra,
        "steps": args.steps,
        "finalLoss": step(),
        "msPerStep": wall,
        "cpuMsPerStep": cpu,
    })
