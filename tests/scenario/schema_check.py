#!/usr/bin/env python3
"""Validate scenarios against scenario/cmksim.schema.json (JSON Schema draft 2020-12).

Every bundled scenario in scenarios/ must be accepted; every bad file listed in STRUCTURAL (defects
a schema can see: shapes, names, enumerations, patterns) must be rejected. Defects that need the
whole file (duplicates, references, horizon arithmetic) are the C++ checker's job only; so is
step-bad-boolean (`value: yes` is a boolean to PyYAML's YAML 1.1, text to YAML 1.2 and to cmksim).
Needs python3-yaml and python3-jsonschema (Debian packages)."""
import json
import pathlib
import sys

import jsonschema
import yaml

STRUCTURAL = [
    "unknown-top-key-suggestion", "unknown-top-key-no-suggestion", "missing-version", "wrong-version",
    "missing-horizon", "malformed-duration-horizon", "malformed-duration-quoted", "seed-not-a-number",
    "seed-negative", "name-is-a-list", "projects-not-a-list", "unknown-setting-suggestion", "setting-bad-enum",
    "setting-bad-probability", "distribution-two-shapes", "distribution-unknown-shape", "lognormal-missing-p99",
    "distribution-negative", "unknown-project-key", "kms-bad-provider", "kms-provider-lowercase",
    "gcp-endpoint-at-time-zero", "unknown-action-suggestion", "step-without-do", "step-without-time",
    "step-at-and-after", "step-unknown-param-suggestion", "step-missing-required-param",
    "step-expect-error-lowercase", "expect-unknown-field", "expect-without-time",
    "expect-two-targets", "expect-gcp-endpoint", "expect-alert-count-negative", "invariant-with-time",
]


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans, as cmksim (yaml-cpp) and editors read them: only true/false. PyYAML's
    YAML 1.1 would read the key `on:` of a reactive step as the boolean true."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load(text: str):
    return yaml.load(text, Loader=Yaml12Loader)


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    schema = json.loads((root / "scenario/cmksim.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    scenarios = sorted((root / "scenarios").rglob("*.yaml"))
    if len(scenarios) < 12:
        print(f"expected at least 12 bundled scenarios, found {len(scenarios)}")
        failures += 1
    for path in scenarios:
        errors = list(validator.iter_errors(load(path.read_text())))
        for e in errors:
            print(f"{path.name}: rejected: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
        failures += bool(errors)
    for name in STRUCTURAL:
        path = root / "tests/scenario/bad" / f"{name}.yaml"
        if validator.is_valid(load(path.read_text())):
            print(f"bad/{name}.yaml: accepted, but the schema should reject it")
            failures += 1
    print(f"schema_check: {len(scenarios)} scenarios, {len(STRUCTURAL)} bad files, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
