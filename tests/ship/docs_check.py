"""The user documentation is true (issue 15), one check per CTest test:
    python3 docs_check.py links|sources|cookbook|deploy SOURCE_DIR CMKSIM

links     every relative link in README.md and docs/ (and deploy/) resolves to a file inside the
          repository (and an #anchor to a heading of it); no text points at ../shared.
sources   every source tag cited in the code, the scenarios and FORMAT.md has a row in
          docs/SOURCES.md, and every link `cmksim settings`/`actions`/`errors` print is the one SOURCES.md gives.
cookbook  every docs/cookbook/*.yaml runs green and is linked from COOKBOOK.md; every `cmksim`
          command in COOKBOOK.md's sh blocks exits 0; every complete scenario in TUTORIAL.md runs green.
deploy    the Kubernetes files parse as YAML, and every cmksim command in deploy/ (scaled down:
          few runs, local paths) is a valid invocation that exits 0.
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

import yaml

MODE, SRC, CMKSIM = sys.argv[1], os.path.realpath(sys.argv[2]), os.path.realpath(sys.argv[3])
errors = []


def fail(message):
    errors.append(message)


def docs_files():
    files = [os.path.join(SRC, "README.md")]
    files += glob.glob(os.path.join(SRC, "docs", "**", "*.md"), recursive=True)
    files += glob.glob(os.path.join(SRC, "deploy", "**", "*.md"), recursive=True)
    return sorted(files)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    found = set()
    in_code = False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            found.add(slug(line.lstrip("#")))
    return found


def check_links():
    for path in docs_files():
        text = open(path, encoding="utf-8").read()
        if "../shared" in text:
            fail(f"{path}: points at ../shared, which a clone does not have")
        prose = re.sub(r"```.*?```", "", text, flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", prose):
            if re.match(r"^[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            resolved = os.path.realpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            rel = os.path.relpath(path, SRC)
            if not (resolved + os.sep).startswith(SRC + os.sep) and resolved != SRC:
                fail(f"{rel}: link {target} leaves the repository")
            elif not os.path.exists(resolved):
                fail(f"{rel}: link {target} does not resolve")
            elif anchor and resolved.endswith(".md") and anchor not in anchors(resolved):
                fail(f"{rel}: link {target}: no heading with anchor #{anchor}")


TAG = re.compile(r"seed 00[0-9]|spec §[0-9]+(?:\.[0-9]+)?|RAWSPEC|CIREP|api-errors|PR #[0-9]+|TF [0-9a-f]{7,}"
                 r"|DOCS (?:[a-z][a-z0-9-]+|KMS|AWS)")


def check_sources():
    sources = open(os.path.join(SRC, "docs", "SOURCES.md"), encoding="utf-8").read()
    rows = set(re.findall(r"^\| `([^`]+)` \|", sources, flags=re.M))
    cited = {}
    paths = []
    for d in ("models", "scenario", "explore", "report", "sweep", "tools", "scenarios", "sim"):
        paths += glob.glob(os.path.join(SRC, d, "**", "*.*"), recursive=True)
    for p in paths:
        if not p.endswith((".cpp", ".h", ".md", ".yaml", ".json")):
            continue
        for tag in TAG.findall(open(p, encoding="utf-8", errors="replace").read()):
            cited.setdefault(tag, os.path.relpath(p, SRC))
    for tag, where in sorted(cited.items()):
        known = tag in rows or (tag.startswith("spec §") and tag.split(".")[0] in rows) or \
            re.match(r"spec §8\.[0-9]$", tag) or tag in ("spec §2", "spec §3")
        if not known:
            fail(f"docs/SOURCES.md has no row for '{tag}' (cited in {where})")
    if len(cited) < 20:
        fail(f"only {len(cited)} distinct tags found: is the pattern still right?")
    # What cmksim prints is what SOURCES.md says.
    printed = 0
    for command in ("settings", "actions", "errors"):
        for entry in json.loads(subprocess.run([CMKSIM, command, "--format", "json"], capture_output=True,
                                               text=True, check=True).stdout):
            for link in entry["links"]:
                printed += 1
                row = re.search(r"^\| `" + re.escape(link["tag"]) + r"` \|.*\| (\S+) \|$", sources, flags=re.M)
                if not row or row.group(1) != link["url"]:
                    fail(f"cmksim {command}: {entry.get('name', entry.get('code'))} links {link['tag']} to {link['url']}, SOURCES.md "
                         f"to {row.group(1) if row else 'nothing'}")
    if printed < 10:
        fail(f"cmksim settings/actions print only {printed} links")


def run(args, cwd, shell=False):
    env = dict(os.environ, PATH=os.path.dirname(CMKSIM) + os.pathsep + os.environ["PATH"])
    return subprocess.run(args, cwd=cwd, shell=shell, capture_output=True, text=True, env=env,
                          executable="/bin/bash" if shell else None)


def check_cookbook():
    cookbook = open(os.path.join(SRC, "docs", "COOKBOOK.md"), encoding="utf-8").read()
    files = sorted(glob.glob(os.path.join(SRC, "docs", "cookbook", "*.yaml")))
    if len(files) < 4:
        fail(f"only {len(files)} cookbook files")
    for f in files:
        name = os.path.basename(f)
        if f"cookbook/{name}" not in cookbook:
            fail(f"docs/cookbook/{name} is not in COOKBOOK.md")
        r = run([CMKSIM, "run", "--quiet", f], SRC)
        if r.returncode != 0:
            fail(f"docs/cookbook/{name} does not run green:\n{r.stdout}{r.stderr}")
    with tempfile.TemporaryDirectory() as work:
        for d in ("docs", "scenarios", "scenario"):
            os.symlink(os.path.join(SRC, d), os.path.join(work, d))
        commands = [line for block in re.findall(r"```sh\n(.*?)```", cookbook, flags=re.S)
                    for line in block.splitlines() if line.startswith("cmksim ")]
        if len(commands) < 6:
            fail(f"only {len(commands)} commands in COOKBOOK.md")
        for c in commands:
            r = run(c, work, shell=True)
            if r.returncode != 0:
                fail(f"COOKBOOK.md: `{c}` exited {r.returncode}:\n{r.stderr}")
        tutorial = open(os.path.join(SRC, "docs", "TUTORIAL.md"), encoding="utf-8").read()
        blocks = [b for b in re.findall(r"```yaml\n(.*?)```", tutorial, flags=re.S) if b.startswith("cmksim: 1")]
        if len(blocks) < 4:
            fail(f"only {len(blocks)} complete scenarios in TUTORIAL.md")
        for i, b in enumerate(blocks, 1):
            path = os.path.join(work, f"tutorial-{i}.yaml")
            open(path, "w").write(b)
            r = run([CMKSIM, "run", "--quiet", path], work)
            if r.returncode != 0:
                fail(f"TUTORIAL.md scenario {i} does not run green:\n{r.stdout}{r.stderr}")


# Shell variables and values of the deploy files, replaced so that a command runs here, small.
SCALE = [(r"\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)", "1"), (r'"\$SLURM_CPUS_PER_TASK"', "1"),
         (r'"\$\{SLURM_ARRAY_TASK_ID\}/\$\{SLURM_ARRAY_TASK_COUNT\}"', "1/1"), (r"\$\{SLURM_ARRAY_TASK_ID\}", "1"),
         (r"--runs [0-9]+", "--runs 4"), (r"/scenarios/", "scenarios/what-if/"), (r"/parts/", "parts/")]


def deploy_commands():
    commands = []
    for path in sorted(glob.glob(os.path.join(SRC, "deploy", "**", "*.yaml"), recursive=True)):
        docs = list(yaml.safe_load_all(open(path, encoding="utf-8")))
        if not docs or any(not isinstance(d, dict) or "kind" not in d for d in docs):
            fail(f"{path}: not Kubernetes objects")
        for d in docs:
            spec = d.get("spec", {})
            pod = spec.get("template", {}).get("spec", spec)
            for c in pod.get("containers", []):
                if c.get("image") != "cmksim:latest":
                    fail(f"{path}: container {c.get('name')} does not use the Containerfile's image cmksim:latest")
                commands += [a for a in c.get("args", []) if a.startswith("cmksim ")]
    for path in sorted(glob.glob(os.path.join(SRC, "deploy", "**", "*.sh"), recursive=True)):
        text = open(path, encoding="utf-8").read().replace("\\\n", " ")
        commands += [line.strip() for line in text.splitlines() if line.strip().startswith("cmksim ")]
    return commands


def check_deploy():
    commands = deploy_commands()
    if len(commands) < 4:
        fail(f"only {len(commands)} cmksim commands in deploy/")
    with tempfile.TemporaryDirectory() as work:
        os.symlink(os.path.join(SRC, "scenarios"), os.path.join(work, "scenarios"))
        os.mkdir(os.path.join(work, "parts"))
        # Sweeps first (they write the parts the merges read).
        for c in sorted(commands, key=lambda c: not c.startswith("cmksim sweep")):
            scaled = " ".join(c.split())
            for pattern, value in SCALE:
                scaled = re.sub(pattern, value, scaled)
            if "$" in scaled:
                fail(f"deploy command still has a variable after scaling: {scaled}")
                continue
            r = run(shlex.split(scaled) if "*" not in scaled else scaled, work, shell="*" in scaled)
            if r.returncode != 0:
                fail(f"deploy: `{c}` (run as `{scaled}`) exited {r.returncode}:\n{r.stderr}")


{"links": check_links, "sources": check_sources, "cookbook": check_cookbook, "deploy": check_deploy}[MODE]()
for e in errors:
    print("FAILED:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
