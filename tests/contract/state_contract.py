#!/usr/bin/env python3
"""Contract test: `cmksim run --state` has the Atlas Admin API v2 shapes.

    python3 state_contract.py CMKSIM SOURCE_DIR WORKDIR

For every bundled scenario (scenarios/*.yaml, scenarios/*/*.yaml) and several instants (an eighth,
a third, two thirds of the horizon, and the horizon), writes the state JSON at that instant and
validates it against atlas_state.schema.json (derived from the spec by derive_schema.py), formats
included (date-time, uuid). The state at instant T is the final state of the scenario run with
`horizon: T`, its expectations and invariants taken out and its steps that cannot happen by T
left out (the timeline up to T is the same: steps are drawn in file order from the seed).
Needs python3-yaml and python3-jsonschema."""
import datetime
import json
import pathlib
import re
import subprocess
import sys

import jsonschema
import yaml

FRACTIONS = (1 / 8, 1 / 3, 2 / 3, 1)
UNITS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}


def ms(text):
    """A cmksim duration ("1h30m", "250ms", "0") in milliseconds."""
    text = str(text)
    if text == "0":
        return 0
    groups = re.findall(r"(\d+)(ms|d|h|m|s)", text)
    assert "".join(n + u for n, u in groups) == text, f"not a duration: {text}"
    return sum(int(n) * UNITS[u] for n, u in groups)


def earliest(value):
    """The earliest time a step time (a duration or a distribution) can draw, as check.cpp reads it."""
    if not isinstance(value, dict):
        return ms(value)
    low = ms(value["uniform"][0]) if "uniform" in value else 0
    return min(low, ms(value["cap"])) if "cap" in value else low


def fmt(total):
    """Milliseconds as a cmksim duration."""
    out = ""
    for unit in ("d", "h", "m", "s", "ms"):
        n, total = divmod(total, UNITS[unit])
        out += f"{n}{unit}" if n else ""
    return out or "0s"


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans (true/false only), as cmksim reads them: YAML 1.1 would make the key `on:`
    of a reactive step the boolean true."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def cut(scenario, horizon):
    """The scenario up to `horizon` ms: no expectations, only the steps that can happen by then."""
    out = dict(scenario)
    for key in ("expect", "invariants", "vary", "metrics"):
        out.pop(key, None)
    out["horizon"] = fmt(horizon)
    steps, previous, ids = [], 0, set()
    for step in scenario.get("timeline", []):
        if "on" in step:  # a reaction: kept unless it waits for a step that is cut
            trigger = step["on"]
            if trigger.get("step", "") not in ids and "step" in trigger:
                continue
        else:
            t = (previous if "after" in step else 0) + earliest(step.get("at", step.get("after")))
            previous = t
            if t > horizon:
                continue
        ids.add(step.get("id"))
        steps.append({k: v for k, v in step.items() if k != "expect_error"})
    out["timeline"] = steps
    return out


def is_datetime(text):
    try:
        return isinstance(text, str) and text.endswith("Z") and datetime.datetime.fromisoformat(text[:-1] + "+00:00") is not None
    except ValueError:
        return False


def refuses_old_shapes(validator):
    """The schema refuses what the issue found in the old --state: "" for an unset enum field,
    simulator fields beside the API's, a cluster's flat regions, an Azure region outside Azure.
    Returns the number of such documents it accepted (each one a failure)."""
    cluster = {"name": "c", "stateName": "IDLE", "replicationSpecs": [{"regionConfigs": [
        {"providerName": "AZURE", "regionName": "US_EAST_2", "priority": 7, "electableSpecs": {"instanceSize": "M10", "nodeCount": 3}}]}]}
    project = {"id": "65a0c0de0100000000000001", "name": "p", "orgId": "65a0c0de0600000000000001",
               "created": "2026-01-01T00:00:00Z", "clusterCount": 1, "clusters": [cluster]}
    good = {"projects": [project], "snapshots": []}
    bad = []
    for change in (lambda d: d["projects"][0].update(encryptionAtRest={"awsKms": {"region": ""}}),
                   lambda d: d["projects"][0]["clusters"][0].update(runState="RUNNING"),
                   lambda d: d["projects"][0]["clusters"][0].update(regions=[]),
                   lambda d: d["projects"][0]["clusters"][0]["replicationSpecs"][0]["regionConfigs"][0].update(regionName="EASTUS2"),
                   lambda d: d["projects"][0]["clusters"][0]["replicationSpecs"][0]["regionConfigs"][0].update(regionName="US_EAST_1"),
                   lambda d: d["projects"][0].update(created="0d 00:00:00")):
        doc = json.loads(json.dumps(good))
        change(doc)
        bad.append(doc)
    accepted = [i for i, doc in enumerate(bad) if validator.is_valid(doc)]
    for i in accepted:
        print(f"FAIL the schema accepts old shape #{i}: {json.dumps(bad[i])[:200]}")
    if not validator.is_valid(good):
        print("FAIL the schema refuses a well-formed state:", [e.message for e in validator.iter_errors(good)][:3])
        return len(accepted) + 1
    return len(accepted)


def main():
    cmksim, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    schema = json.loads((pathlib.Path(__file__).parent / "atlas_state.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    formats = jsonschema.FormatChecker()
    formats.checks("date-time")(is_datetime)
    validator = jsonschema.Draft202012Validator(schema, format_checker=formats)
    failures = refuses_old_shapes(validator)
    scenarios = sorted(root.glob("scenarios/*.yaml")) + sorted(root.glob("scenarios/*/*.yaml"))
    checked = 0
    for path in scenarios:
        scenario = yaml.load(path.read_text(), Loader=Yaml12Loader)
        horizon = ms(scenario["horizon"])
        for fraction in FRACTIONS:
            at = max(1000, int(horizon * fraction) // 1000 * 1000)
            name = f"{path.stem}@{fmt(at)}"
            cut_file, state_file = work / f"{name}.yaml", work / f"{name}.state.json"
            cut_file.write_text(yaml.safe_dump(cut(scenario, at), sort_keys=False))
            state_file.unlink(missing_ok=True)
            run = subprocess.run([cmksim, "run", "--quiet", "--state", str(state_file), str(cut_file)], capture_output=True, text=True)
            if run.returncode not in (0, 1) or not state_file.exists():
                print(f"FAIL {name}: cmksim run exited {run.returncode}: {run.stderr.strip()}")
                failures += 1
                continue
            errors = sorted(validator.iter_errors(json.loads(state_file.read_text())), key=lambda e: list(e.absolute_path))
            for e in errors[:5]:
                print(f"FAIL {name}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
            failures += bool(errors)
            checked += 1
    print(f"state contract: {checked} states of {len(scenarios)} scenarios checked against "
          f"{schema['source']['repository']}@{schema['source']['commit'][:12]}, {failures} failed")
    return 1 if failures or checked < 4 * 12 else 0


if __name__ == "__main__":
    sys.exit(main())
