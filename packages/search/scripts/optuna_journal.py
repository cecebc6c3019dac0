"""Writes fixtures/optuna-written.jsonl: a study written by Optuna itself (Debian's
python3-optuna, 3.1), so the tests check that fanin reads, reports and continues what
Optuna writes. Run from packages/search: python3 scripts/optuna_journal.py

The study minimizes a quadratic in a log-uniform learning rate, an int width and a
categorical activation; it reports intermediate values (the median pruner prunes some
trials), one trial raises (failed), and trials carry user attributes. CI needs no Python:
the output is committed.
"""

import json
import math
import os
import sys

import optuna
from optuna.storages import JournalFileStorage, JournalStorage

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.normpath(os.path.join(HERE, "..", "fixtures", "optuna-written.jsonl"))
EXPECTED = os.path.normpath(os.path.join(HERE, "..", "fixtures", "optuna-written.expected.json"))


def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    width = trial.suggest_int("width", 8, 64, step=8)
    act = trial.suggest_categorical("act", ["relu", "tanh", "sigmoid"])
    momentum = trial.suggest_float("momentum", 0.0, 0.9)
    trial.set_user_attr("note", f"trial {trial.number}")
    if trial.number == 5:
        raise RuntimeError("out of memory")
    base = (math.log10(lr) + 3) ** 2 + abs(width - 32) / 32 + {"relu": 0, "tanh": 0.2, "sigmoid": 0.5}[act] + momentum / 10
    for step in range(4):
        trial.report(base + 1 / (step + 1), step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return base


def main():
    if os.path.exists(PATH):
        os.remove(PATH)
    storage = JournalStorage(JournalFileStorage(PATH))
    study = optuna.create_study(
        study_name="optuna-written",
        storage=storage,
        direction="minimize",
        sampler=optuna.samplers.RandomSampler(seed=0),
        pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=2),
    )
    study.optimize(objective, n_trials=16, catch=(RuntimeError,))
    states = [t.state.name for t in study.trials]
    expected = {
        "optuna": optuna.__version__,
        "study": study.study_name,
        "direction": "minimize",
        "states": [s.lower().replace("fail", "failed") for s in states],
        "bestNumber": study.best_trial.number,
        "bestValue": study.best_value,
        "bestParams": study.best_trial.params,
        "values": [t.value for t in study.trials],
    }
    with open(EXPECTED, "w") as file:
        json.dump(expected, file, indent=2)
        file.write("\n")
    print(f"optuna {optuna.__version__}: wrote {PATH}: {len(states)} trials, {states.count('COMPLETE')} complete, {states.count('PRUNED')} pruned, {states.count('FAIL')} failed; best {study.best_value:.6f} at trial {study.best_trial.number}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
