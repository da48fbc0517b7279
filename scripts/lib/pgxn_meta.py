#!/usr/bin/env python3
"""scripts/lib/pgxn_meta.py: validate META.json, the PGXN distribution metadata.

    pgxn_meta.py [ROOT]              check ROOT/META.json (default: the current directory)
    pgxn_meta.py --version [ROOT]    print the distribution version after checking

Two sets of rules, each problem printed on its own line (exit 1 if any):
  - PGXN Meta Spec 1.0.0: the required keys (name, abstract, version, maintainer, license,
    provides, meta-spec) and the type and form of every key the spec defines (semantic
    versions, names without slashes or white space, the licence list, prereqs phases and
    relationships, tags...); keys outside the spec must start with x_ or X_.
  - this project: license "postgresql" with a LICENSE file of that licence; the
    distribution and the provided extension carry engagement.control's default_version
    written as a semantic version (1.0 -> 1.0.0); every file and docfile named exists.
Debian ships no PGXN validator, so this is written from the spec.
"""
import json
import os
import re
import sys

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
# a prereq version: 0, or semantic versions each with an optional operator, comma-separated
RANGE_ITEM = r"(?:(?:[=!]=|[<>]=?)\s*)?" + SEMVER.pattern[1:-1]
VERSION_RANGE = re.compile(r"^(?:0|" + RANGE_ITEM + r"(?:,\s*" + RANGE_ITEM + r")*)$")
TERM = re.compile(r"^[^/\\\s\x00-\x1f\x7f]{2,}$")
TAG = re.compile(r"^[^/\\\x00-\x1f\x7f]{2,255}$")
LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd", "freebsd",
    "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0", "mit",
    "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5", "postgresql", "qpl_1_0", "ssleay",
    "sun", "zlib", "open_source", "restricted", "unrestricted", "unknown"}
TOP_KEYS = {"name", "abstract", "version", "maintainer", "license", "provides", "meta-spec",
            "description", "generated_by", "tags", "no_index", "prereqs", "release_status",
            "resources"}
REQUIRED = ["name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"]
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}


def is_text(v):
    """A non-empty string."""
    return isinstance(v, str) and v != ""


def unknown_keys(where, obj, allowed, problems):
    """Keys of obj outside allowed that lack the x_ / X_ prefix of private extensions."""
    for k in obj:
        if k not in allowed and not re.match(r"^[xX]_.", k):
            problems.append(f"{where}: unknown key {k!r}")


def valid_license(lic):
    """A licence name of the spec's list, a list of distinct ones, or an object name -> URL."""
    if isinstance(lic, str):
        return lic in LICENSES
    if isinstance(lic, list):
        names = [x for x in lic if isinstance(x, str) and x in LICENSES]
        return bool(lic) and len(names) == len(lic) and len(set(names)) == len(names)
    if isinstance(lic, dict):
        return bool(lic) and all(is_text(x) for x in lic.values())
    return False


def check_object(where, v, problems):
    """v must be a JSON object; say so once and return False otherwise."""
    if not isinstance(v, dict):
        problems.append(f"{where}: must be an object")
        return False
    return True


def check_spec(meta, problems):
    """The rules of PGXN Meta Spec 1.0.0."""
    if not check_object("META.json", meta, problems):
        return
    for k in REQUIRED:
        if k not in meta:
            problems.append(f"missing required key {k!r}")
    unknown_keys("META.json", meta, TOP_KEYS, problems)
    if "name" in meta and not (isinstance(meta["name"], str) and TERM.match(meta["name"])):
        problems.append("name: must be 2 or more characters without /, \\, spaces or controls")
    for k in ("abstract", "description", "generated_by"):
        if k in meta and not is_text(meta[k]):
            problems.append(f"{k}: must be a non-empty string")
    if "version" in meta and not (isinstance(meta["version"], str) and SEMVER.match(meta["version"])):
        problems.append(f"version: {meta['version']!r} is not a semantic version (major.minor.patch)")
    m = meta.get("maintainer")
    if "maintainer" in meta and not (is_text(m) or (isinstance(m, list) and m and
                                                   all(is_text(x) for x in m) and len(set(m)) == len(m))):
        problems.append("maintainer: must be a string or a list of distinct strings")
    if "license" in meta and not valid_license(meta["license"]):
        problems.append(f"license: {meta['license']!r} is not a PGXN licence name, a list of them, or name -> URL")
    if "provides" in meta and check_object("provides", meta["provides"], problems):
        if not meta["provides"]:
            problems.append("provides: must name at least one extension")
        for ext, info in meta["provides"].items():
            where = f"provides.{ext}"
            if not TERM.match(ext):
                problems.append(f"{where}: bad extension name")
            if not check_object(where, info, problems):
                continue
            unknown_keys(where, info, {"file", "version", "abstract", "docfile", "docpath"}, problems)
            for k in ("file", "version"):
                if k not in info:
                    problems.append(f"{where}: missing required key {k!r}")
            for k in ("file", "docfile", "abstract", "docpath"):
                if k in info and not is_text(info[k]):
                    problems.append(f"{where}.{k}: must be a non-empty string")
            if "version" in info and not (isinstance(info["version"], str) and SEMVER.match(info["version"])):
                problems.append(f"{where}.version: {info['version']!r} is not a semantic version")
    if "meta-spec" in meta and check_object("meta-spec", meta["meta-spec"], problems):
        spec = meta["meta-spec"]
        unknown_keys("meta-spec", spec, {"version", "url"}, problems)
        if not (isinstance(spec.get("version"), str) and re.match(r"^1\.0\.\d+$", spec["version"])):
            problems.append(f"meta-spec.version: {spec.get('version')!r} is not 1.0.x")
        if "url" in spec and spec["url"] not in ("https://pgxn.org/meta/spec.txt", "http://pgxn.org/meta/spec.txt"):
            problems.append("meta-spec.url: must be the spec's address")
    if "release_status" in meta and meta["release_status"] not in ("stable", "testing", "unstable"):
        problems.append("release_status: must be stable, testing or unstable")
    if "tags" in meta:
        t = meta["tags"]
        if not (isinstance(t, list) and t and len(set(map(str, t))) == len(t) and
                all(isinstance(x, str) and TAG.match(x) for x in t)):
            problems.append("tags: must be a list of distinct strings of 2-255 characters without / or \\")
    if "prereqs" in meta and check_object("prereqs", meta["prereqs"], problems):
        unknown_keys("prereqs", meta["prereqs"], PHASES, problems)
        for phase in PHASES & set(meta["prereqs"]):
            rels = meta["prereqs"][phase]
            if not check_object(f"prereqs.{phase}", rels, problems):
                continue
            unknown_keys(f"prereqs.{phase}", rels, RELATIONS, problems)
            for rel in RELATIONS & set(rels):
                where = f"prereqs.{phase}.{rel}"
                if check_object(where, rels[rel], problems):
                    for name, ver in rels[rel].items():
                        if not (TERM.match(name) and (ver == 0 or (isinstance(ver, str) and VERSION_RANGE.match(ver)))):
                            problems.append(f"{where}.{name}: {ver!r} is not 0 or a semantic version range")
    for k in ("no_index", "resources"):
        if k in meta:
            check_object(k, meta[k], problems)


def control_default_version(root):
    """default_version of engagement.control."""
    with open(os.path.join(root, "engagement.control"), encoding="utf-8") as f:
        m = re.search(r"^\s*default_version\s*=\s*'([^']*)'", f.read(), re.M)
    if not m:
        raise SystemExit("engagement.control has no default_version")
    return m.group(1)


def as_semver(v):
    """A PostgreSQL extension version (1.0) as a semantic version (1.0.0)."""
    parts = v.split(".")
    return ".".join(parts + ["0"] * (3 - len(parts))) if len(parts) < 3 else v


def check_project(meta, root, problems):
    """This project's rules: its licence, its version, its files."""
    if not isinstance(meta, dict):
        return
    want = as_semver(control_default_version(root))
    if meta.get("name") != "engagement":
        problems.append("name: must be engagement")
    if meta.get("license") != "postgresql":
        problems.append("license: must be postgresql (the LICENSE file)")
    try:
        with open(os.path.join(root, "LICENSE"), encoding="utf-8") as f:
            if not f.readline().startswith("PostgreSQL License"):
                problems.append("LICENSE: is not the PostgreSQL License")
    except OSError:
        problems.append("LICENSE: missing")
    if meta.get("version") != want:
        problems.append(f"version: {meta.get('version')!r} is not default_version {want!r} of engagement.control")
    provides = meta.get("provides")
    if not isinstance(provides, dict) or not isinstance(provides.get("engagement"), dict):
        problems.append("provides: must describe the extension engagement")
        return
    if provides["engagement"].get("version") != want:
        problems.append(f"provides.engagement.version: must be {want!r} (default_version of engagement.control)")
    for ext, info in provides.items():
        for k in ("file", "docfile"):
            path = info.get(k) if isinstance(info, dict) else None
            if isinstance(path, str) and not os.path.isfile(os.path.join(root, path)):
                problems.append(f"provides.{ext}.{k}: {path} does not exist")


def main(argv):
    """Validate, print the problems (or the version with --version), exit 1 on any."""
    show_version = argv[:1] == ["--version"]
    args = argv[1:] if show_version else argv
    root = args[0] if args else "."
    problems = []
    try:
        with open(os.path.join(root, "META.json"), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        print(f"META.json: cannot be read as JSON: {e}")
        return 1
    check_spec(meta, problems)
    check_project(meta, root, problems)
    for p in problems:
        print(p)
    if problems:
        return 1
    print(meta["version"] if show_version else f"META.json is valid: {meta['name']} {meta['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
