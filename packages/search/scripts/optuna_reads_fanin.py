"""Optuna as the judge of fanin's journal: loads fixtures/fanin-written.jsonl (written by
scripts/fanin-journal.ts through fanin's public API) with Optuna's own JournalStorage
(Debian's python3-optuna, 3.1) and writes what Optuna read to
fixtures/fanin-written.optuna-summary.json: every study and trial as Optuna exposes it
(number, state, values, params and their distributions, intermediate values, user and
system attributes, best trial). Then, on a copy of the journal, it continues both of fanin's
studies in Optuna for a few trials (TPE, using fanin's trials as its history, suggesting
each parameter with the distribution fanin wrote), records whether that worked, and keeps
the continued copy as fixtures/fanin-written.optuna-continued.jsonl for fanin to read back.
Run from packages/search:

    node --import ./test/support/register-source.mjs scripts/fanin-journal.ts
    /usr/bin/python3 scripts/optuna_reads_fanin.py   # Debian's python3 with python3-optuna

CI needs no Python: the summary is committed and src/storage/fanin-written.test.ts checks
fanin's own reading against it.
"""

import json
import math
import os
import shutil
import sys
import tempfile

import optuna
from optuna.distributions import distribution_to_json
from optuna.storages import JournalFileStorage, JournalStorage

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
JOURNAL = os.path.join(FIXTURES, "fanin-written.jsonl")
SUMMARY = os.path.join(FIXTURES, "fanin-written.optuna-summary.json")
CONTINUED = os.path.join(FIXTURES, "fanin-written.optuna-continued.jsonl")
CONTINUED_TRIALS = 3


def trial_summary(trial):
    return {
        "number": trial.number,
        "state": trial.state.name,
        "values": trial.values,
        "params": trial.params,
        "distributions": {
            name: json.loads(distribution_to_json(distribution))
            for name, distribution in trial.distributions.items()
        },
        "intermediate_values": {str(step): value for step, value in sorted(trial.intermediate_values.items())},
        "user_attrs": trial.user_attrs,
        "system_attrs": trial.system_attrs,
    }


def study_summary(storage, name):
    study = optuna.load_study(study_name=name, storage=storage)
    trials = study.get_trials(deepcopy=False)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    best = study.best_trial if complete else None
    return {
        "name": study.study_name,
        "direction": study.direction.name,
        "user_attrs": study.user_attrs,
        "system_attrs": study.system_attrs,
        "trials": [trial_summary(t) for t in trials],
        "best_trial": None if best is None else {"number": best.number, "value": best.value, "params": best.params},
    }


def continue_in_optuna(storage, name):
    """Runs CONTINUED_TRIALS more trials of fanin's study in Optuna, suggesting the same
    parameters with the distributions fanin wrote (Optuna checks they are compatible)."""
    study = optuna.load_study(
        study_name=name,
        storage=storage,
        sampler=optuna.samplers.TPESampler(seed=0, n_startup_trials=2),
    )
    before = len(study.trials)
    distributions = {}
    for trial in study.trials:
        distributions.update(trial.distributions)

    def suggest(trial, name, distribution):
        if isinstance(distribution, optuna.distributions.FloatDistribution):
            return trial.suggest_float(name, distribution.low, distribution.high, step=distribution.step, log=distribution.log)
        if isinstance(distribution, optuna.distributions.IntDistribution):
            return trial.suggest_int(name, distribution.low, distribution.high, step=distribution.step, log=distribution.log)
        return trial.suggest_categorical(name, distribution.choices)

    def objective(trial):
        params = {name: suggest(trial, name, distribution) for name, distribution in sorted(distributions.items())}
        trial.set_user_attr("note", f"optuna trial {trial.number}")
        for step in range(2):
            trial.report(float(step), step)
        return (math.log10(params["lr"]) + 3) ** 2 + params["momentum"] / 10

    study.optimize(objective, n_trials=CONTINUED_TRIALS)
    trials = study.trials
    new = trials[before:]
    return {
        "study": name,
        "trials_before": before,
        "trials_after": len(trials),
        "new_numbers": [t.number for t in new],
        "new_states": [t.state.name for t in new],
        "new_trials": [trial_summary(t) for t in new],
        "new_params_in_fanin_ranges": all(
            distributions[param]._contains(distributions[param].to_internal_repr(value))
            for t in new
            for param, value in t.params.items()
        ),
        "old_trials_unchanged": [trial_summary(t) for t in trials[:before]]
        == [trial_summary(t) for t in optuna.load_study(study_name=name, storage=storage).trials[:before]],
    }


def main():
    storage = JournalStorage(JournalFileStorage(JOURNAL))
    names = [s.study_name for s in optuna.get_all_study_summaries(storage)]
    studies = [study_summary(storage, name) for name in names]

    with tempfile.TemporaryDirectory() as directory:
        copy = os.path.join(directory, "fanin-written.jsonl")
        shutil.copyfile(JOURNAL, copy)
        continued_storage = JournalStorage(JournalFileStorage(copy))
        continued = []
        for name in names:
            try:
                continued.append({"works": True, **continue_in_optuna(continued_storage, name)})
            except Exception as error:  # recorded, not hidden: the summary says it failed and why
                continued.append({"works": False, "study": name, "error": f"{type(error).__name__}: {error}"})
        # The continued copy goes back to fanin: src/storage/fanin-written.test.ts reads it.
        shutil.copyfile(copy, CONTINUED)

    summary = {
        "optuna": optuna.__version__,
        "journal": "fanin-written.jsonl",
        "studies": studies,
        "continued_in_optuna": continued,
    }
    with open(SUMMARY, "w") as file:
        json.dump(summary, file, indent=2)
        file.write("\n")
    for study in studies:
        states = [t["state"] for t in study["trials"]]
        best = study["best_trial"]
        print(
            f"optuna {optuna.__version__} read {study['name']}: {len(states)} trials, "
            f"{states.count('COMPLETE')} complete, {states.count('PRUNED')} pruned, {states.count('FAIL')} failed; "
            f"best {best['value']:.6f} at trial {best['number']}"
        )
    for entry in continued:
        print(f"continued {entry['study']} in optuna: {'works' if entry['works'] else 'FAILED: ' + entry['error']}")
    print(f"wrote {SUMMARY}")
    return 0 if all(entry["works"] for entry in continued) else 1


if __name__ == "__main__":
    sys.exit(main())
