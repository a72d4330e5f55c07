"""Scores of PIT's mutations.xml per service and package, merged into reliability/results/mutation.{json,md}.

Usage: report.py RESULTS_DIR SERVICE=SECONDS=LOAD=PATH/mutations.xml...
SECONDS is how long the service's PIT run took, LOAD the machine's 1-minute load average when it started (a run on
a shared machine is slower, never different in its scores). A service not run this time keeps its scores from the previous report. The score is PIT's: detected
mutants (killed, timed out, memory error) over all mutants, those no test covers included.
"""
import collections
import datetime
import json
import os
import sys
import xml.etree.ElementTree as ET

THRESHOLD = 70
DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR"}


def package_scores(xml_path):
    counts = collections.defaultdict(collections.Counter)
    for mutation in ET.parse(xml_path).getroot():
        package = mutation.findtext("mutatedClass").rsplit(".", 1)[0]
        status = mutation.get("status")
        counts[package]["mutants"] += 1
        counts[package]["detected"] += status in DETECTED
        counts[package]["survived"] += status == "SURVIVED"
        counts[package]["noCoverage"] += status == "NO_COVERAGE"
    return {
        package: {**c, "score": round(100 * c["detected"] / c["mutants"], 1)}
        for package, c in sorted(counts.items())
    }


def main(results_dir, runs):
    json_path = os.path.join(results_dir, "mutation.json")
    report = {"threshold": THRESHOLD, "services": {}}
    if os.path.exists(json_path):
        with open(json_path) as f:
            report["services"] = json.load(f).get("services", {})
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for run in runs:
        service, seconds, load, xml_path = run.split("=", 3)
        packages = package_scores(xml_path)
        mutants = sum(p["mutants"] for p in packages.values())
        detected = sum(p["detected"] for p in packages.values())
        report["services"][service] = {
            "measuredAt": now,
            "seconds": int(seconds),
            "loadAverage": float(load),
            "mutants": mutants,
            "score": round(100 * detected / mutants, 1) if mutants else None,
            "packages": packages,
        }
    report["services"] = dict(sorted(report["services"].items()))
    below = [
        f"{service} {package}"
        for service, s in report["services"].items()
        for package, p in s["packages"].items()
        if p["score"] < THRESHOLD
    ]
    report["belowThreshold"] = below
    os.makedirs(results_dir, exist_ok=True)
    with open(json_path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    with open(os.path.join(results_dir, "mutation.md"), "w") as f:
        f.write(markdown(report))
    for service, s in report["services"].items():
        print(f"    {service:22s} {s['score']}% of {s['mutants']} mutants detected")
    if below:
        print(f"    below {THRESHOLD}%: " + ", ".join(below))
    print(f"==> report: {json_path} and mutation.md")


def run_facts(service):
    if "seconds" not in service:
        return service["measuredAt"]
    return f"{service['measuredAt']}, {service['seconds']} s at load {service['loadAverage']}"


def markdown(report):
    lines = [
        "# Mutation testing of the services' domain packages",
        "",
        "Written by `make mutation` (PIT with each service's unit tests; `reliability/mutation/README.md`).",
        f"Score: mutants detected (killed or timed out) over all mutants, uncovered ones included. "
        f"Goal: every package at {report['threshold']} % or more.",
        "",
    ]
    for service, s in report["services"].items():
        lines += [
            f"## {service}: {s['score']} % of {s['mutants']} mutants ({run_facts(s)})",
            "",
            "| package | mutants | detected | survived | no coverage | score |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for package, p in s["packages"].items():
            mark = "" if p["score"] >= report["threshold"] else " (below)"
            lines.append(
                f"| `{package}` | {p['mutants']} | {p['detected']} | {p['survived']} | {p['noCoverage']} | {p['score']} %{mark} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
