"""The PIKC addons' manifests follow the project's conventions.

A static check of files, run in the lint phase of ``scripts/test`` (it needs
no database). pylint-odoo already checks the version format (18.0.x.y.z) and
the author; this checks what it does not:

- the licence is LGPL-3 (pylint-odoo allows any of several);
- a website is given;
- the addon has its icon and its Latvian translation;
- pikc_funding builds on pikc_resources, never the reverse.

Usage: ``python3 scripts/check_manifests.py [ADDONS_DIR]`` (default: the
project's ``addons``). Prints one line per finding; exits 1 if there is any.
"""

import ast
import sys
from pathlib import Path

ADDONS = ("pikc_resources", "pikc_funding")
LICENSE = "LGPL-3"
FILES = ("static/description/icon.png", "i18n/lv.po")
# (addon, dependency, whether it must depend on it directly)
DEPENDS = (
    ("pikc_funding", "pikc_resources", True),
    ("pikc_resources", "pikc_funding", False),
)


def addon_findings(path, manifest):
    """What is wrong with one addon, as sentences."""
    findings = []
    if manifest.get("license") != LICENSE:
        findings.append(f"license is {manifest.get('license')!r}, not {LICENSE!r}")
    if not manifest.get("website"):
        findings.append("no website")
    findings += [f"no {name}" for name in FILES if not (path / name).is_file()]
    return findings


def dependency_findings(manifests):
    """Which of the required dependency directions do not hold."""
    findings = []
    for addon, dependency, wanted in DEPENDS:
        if (dependency in manifests[addon].get("depends", [])) != wanted:
            verb = "must depend" if wanted else "must not depend"
            findings.append(f"{addon}: {verb} on {dependency}")
    return findings


def main(addons_dir):
    manifests = {}
    findings = []
    for name in ADDONS:
        path = addons_dir / name
        try:
            manifests[name] = ast.literal_eval((path / "__manifest__.py").read_text())
        except (OSError, ValueError, SyntaxError) as error:
            findings.append(f"{name}: unreadable manifest ({error})")
            continue
        findings += [f"{name}: {f}" for f in addon_findings(path, manifests[name])]
    if len(manifests) == len(ADDONS):
        findings += dependency_findings(manifests)
    for finding in findings:
        print(f"check_manifests: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "addons"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
