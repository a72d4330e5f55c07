"""The Terraform folders' tests, gathered into a few test roots ("suites") so that one `terraform test` process
runs many folders: each process loads the AWS provider's schema, about 5 CPU seconds, more than most folders'
tests take.

  suite.py make WORK JOBS FOLDER...   writes WORK/suite-<n>/ (n < JOBS), heaviest folders first to the
                                      least loaded suite; prints the suites' paths
  suite.py report WORK                one line per folder from the suites' logs (WORK/suite-<n>.log), and each
                                      failed test file's part of the log; exits 1 on any failure

In a suite every run block gets a `module { source = ... }` naming its folder (a run that names another module
keeps it), every relative source is rewritten against the suite, and files are named <kind>_<folder>__<file>.
"""
import os
import re
import shutil
import sys

RUN = re.compile(r'^run\s+"[^"]+"\s*\{\s*$')
SOURCE = re.compile(r'^(\s*source\s*=\s*")(\.\.?/[^"]*)(".*)$')
MODULE = re.compile(r"^\s+module\s*\{")
FILE_LINE = re.compile(r"^tests/(\S+?)\.\.\. (in progress|tearing down|pass|fail|skip)$")
RUN_LINE = re.compile(r'^  run "([^"]+)"\.\.\. (pass|fail|skip)$')

VERSIONS = """terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
"""


def suite_file_name(folder, test_file):
    parts = folder.rstrip("/").split("/")
    return f"{parts[-2]}_{parts[-1]}__{test_file}"


def rewrite(folder, text, suite):
    def relative(path):
        return os.path.relpath(os.path.normpath(os.path.join(folder, path)), suite)

    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        match = SOURCE.match(line)
        out.append(match.group(1) + relative(match.group(2)) + match.group(3) if match else line)
        if RUN.match(line):
            end = next((j for j in range(i + 1, len(lines)) if lines[j] == "}"), len(lines))
            if not any(MODULE.match(l) for l in lines[i + 1:end]):
                out += ["  module {", f'    source = "{relative(".")}"', "  }"]
    return "\n".join(out)


def test_files(folder):
    tests = os.path.join(folder, "tests")
    return [f for f in sorted(os.listdir(tests)) if f.endswith(".tftest.hcl")]


def weight(folder):
    runs = 0
    for f in test_files(folder):
        with open(os.path.join(folder, "tests", f)) as text:
            runs += sum(1 for line in text if RUN.match(line.rstrip("\n")))
    # A run of an environment or of the stack plans the whole stack: about five runs of a module.
    whole_stack = "/environments/" in folder or folder.endswith("/modules/stack")
    return runs * (5 if whole_stack else 1)


def make(work, jobs, folders):
    folders = [f.rstrip("/") for f in folders]
    suites = [[] for _ in range(max(1, min(jobs, len(folders))))]
    loads = [0] * len(suites)
    for folder in sorted(folders, key=weight, reverse=True):
        n = loads.index(min(loads))
        suites[n].append(folder)
        loads[n] += weight(folder)
    for n, members in enumerate(suites):
        suite = os.path.join(work, f"suite-{n}")
        shutil.rmtree(suite, ignore_errors=True)
        os.makedirs(os.path.join(suite, "tests"))
        with open(os.path.join(suite, "versions.tf"), "w") as f:
            f.write(VERSIONS)
        with open(os.path.join(suite, "folders"), "w") as f:
            f.write("\n".join(members) + "\n")
        for folder in members:
            for test_file in test_files(folder):
                with open(os.path.join(folder, "tests", test_file)) as f:
                    text = rewrite(folder, f.read(), suite)
                with open(os.path.join(suite, "tests", suite_file_name(folder, test_file)), "w") as f:
                    f.write(text)
        print(suite)


def report(work, root):
    failed = False
    n = 0
    while os.path.isdir(os.path.join(work, f"suite-{n}")):
        suite = os.path.join(work, f"suite-{n}")
        log_path = suite + ".log"
        with open(os.path.join(suite, "folders")) as f:
            folders = f.read().split()
        with open(log_path, errors="replace") as f:
            log = f.read().split("\n")
        sections, current, results = {}, None, {}
        for line in log:
            match = FILE_LINE.match(line)
            if match:
                current = match.group(1)
                sections.setdefault(current, [])
                if match.group(2) in ("pass", "fail", "skip"):
                    results[current] = match.group(2)
            if current:
                sections[current].append(line)
        for folder in folders:
            rel = os.path.relpath(folder, root)
            names = {suite_file_name(folder, f): f for f in test_files(folder)}
            passed = sum(1 for name in names for l in sections.get(name, []) if RUN_LINE.match(l) and l.endswith("pass"))
            bad = [name for name in names if results.get(name) != "pass"]
            if not bad:
                print(f"==> {rel:36s} validated by test, {passed} passed")
                continue
            failed = True
            print(f"==> {rel:36s} FAILED")
            for name in bad:
                print(f"    FAIL {rel}/tests/{names[name]} (log: {log_path})")
                if name in sections:
                    print("\n".join("      " + l for l in sections[name]))
        if not any(FILE_LINE.match(l) for l in log):
            failed = True
            print(f"    FAIL terraform test of {', '.join(os.path.relpath(f, root) for f in folders)} did not run (log: {log_path}):")
            print("\n".join("      " + l for l in log[-40:]))
        n += 1
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit(report(sys.argv[2], sys.argv[3]))
