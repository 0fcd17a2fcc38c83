"""vaultkit.properties: frontmatter YAML → aliases, tags, properties, diagnostics."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest

from vaultkit.model import Severity
from vaultkit.properties import Frontmatter, jsonable, read_frontmatter


def fm(yaml_text: str, first_line: int = 2) -> Frontmatter:
    return read_frontmatter(yaml_text, "n.md", first_line)


# ---------------------------------------------------------------- aliases


@pytest.mark.parametrize("key", ["aliases", "Aliases", "alias", "ALIASES", "Alias", " aliases "])
def test_alias_keys_are_case_insensitive(key):
    assert fm(f"{key!r}: [One, Two]").aliases == ("One", "Two")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[Quantum Mechanics, QM]", ("Quantum Mechanics", "QM")),
        ("\n  - Quantum Mechanics\n  - QM", ("Quantum Mechanics", "QM")),
        ("Quantum Mechanics", ("Quantum Mechanics",)),
        ("Quantum Mechanics, quantum mechanics", ("Quantum Mechanics", "quantum mechanics")),
        ("'a, b,, c ,'", ("a", "b", "c")),
        ("[a, b, a, null, '', '  ', b]", ("a", "b")),
        ("\n  - x\n  -\n  - y", ("x", "y")),
        ("~", ()),
        ("null", ()),
        ("''", ()),
        ("[]", ()),
        ("42", ("42",)),
        ("{nested: map}", ()),
        ("[[nested, list], ok]", ("ok",)),
    ],
)
def test_alias_values(value, expected):
    result = fm(f"aliases: {value}")
    assert result.aliases == expected
    assert result.diagnostics == ()


def test_several_alias_keys_are_merged_in_order_of_first_appearance():
    assert fm("alias: c, a\naliases: [a, b]\nALIASES: d").aliases == ("c", "a", "b", "d")


# ---------------------------------------------------------------- tags


@pytest.mark.parametrize("key", ["tags", "Tags", "tag", "TAG"])
def test_tag_keys_are_case_insensitive(key):
    assert fm(f"{key}: [physics]").tags == ("physics",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[physics, '#quantum']", ("physics", "quantum")),
        ("'#a, #b c'", ("a", "b", "c")),
        ("one two\tthree", ("one", "two", "three")),
        ("[physics/quantum, '#Physics/Quantum', PHYSICS/quantum]", ("physics/quantum",)),
        ("[Super, super, SUPER]", ("Super",)),
        ("['#', '', null]", ()),
        ("'##double'", ("double",)),
    ],
)
def test_tag_values(value, expected):
    assert fm(f"tags: {value}").tags == expected


def test_alias_and_tag_keys_are_not_properties():
    assert fm("aliases: [a]\ntags: [t]\nTitle: x").properties == {"Title": "x"}


# ---------------------------------------------------------------- properties


def test_other_keys_are_json_ready_properties_with_their_spelling_kept():
    result = fm(
        textwrap.dedent(
            """\
            CssClass: wide
            created: 2024-01-02
            updated: 2024-01-02 10:11:12
            ratio: 1.5
            count: 3
            done: true
            inf: .inf
            nothing: null
            nested: {a: [1, 2024-01-01], b: {c: d}}
            1: numeric key
            """
        )
    )
    assert result.properties == {
        "CssClass": "wide",
        "created": "2024-01-02",
        "updated": "2024-01-02T10:11:12",
        "ratio": 1.5,
        "count": 3,
        "done": True,
        "inf": "inf",
        "nothing": None,
        "nested": {"a": [1, "2024-01-01"], "b": {"c": "d"}},
        "1": "numeric key",
    }
    json.dumps(result.properties, allow_nan=False)  # JSON-serialisable as the spec promises
    assert result.diagnostics == ()


def test_empty_frontmatter_is_an_empty_mapping():
    assert fm("") == Frontmatter(properties={})
    assert fm("# only a comment\n") == Frontmatter(properties={})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 2, 29), "2024-02-29"),
        (dt.datetime(2024, 2, 29, 8, 30), "2024-02-29T08:30:00"),
        (dt.time(8, 30), "08:30:00"),
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
        (b"bytes\xff", "bytes\ufffd"),
        ((1, "a"), [1, "a"]),
        ({1: {dt.date(2000, 1, 1): None}}, {"1": {"2000-01-01": None}}),
        (object, "<class 'object'>"),
        (True, True),
    ],
)
def test_jsonable(value, expected):
    assert jsonable(value) == expected


# ---------------------------------------------------------------- bad YAML


def test_template_placeholder_is_invalid_yaml_on_its_line():
    result = fm("title: ok\ncreated: {{date}}\n", first_line=2)
    assert [(d.path, d.line, d.kind, d.severity) for d in result.diagnostics] == [
        ("n.md", 3, "invalid-yaml", Severity.ERROR)
    ]
    assert (result.aliases, result.tags, result.properties) == ((), (), None)


def test_tab_indentation_is_invalid_yaml_on_its_line():
    result = fm("aliases: [a]\ntags:\n\t- x\n", first_line=5)
    assert [(d.line, d.kind) for d in result.diagnostics] == [(7, "invalid-yaml")]
    assert result.aliases == ()
    assert "aliases, tags and properties ignored" in result.diagnostics[0].message


def test_unclosed_flow_sequence_is_invalid_yaml():
    result = fm("a: b\nc: [1, 2\n")
    assert [d.kind for d in result.diagnostics] == ["invalid-yaml"]


@pytest.mark.parametrize(("text", "type_name"), [("- a\n- b", "list"), ("just a string", "str"), ("42", "int")])
def test_frontmatter_that_is_not_a_mapping(text, type_name):
    result = fm(text, first_line=2)
    assert [(d.line, d.kind, d.severity) for d in result.diagnostics] == [
        (2, "frontmatter-not-mapping", Severity.WARNING)
    ]
    assert f"frontmatter is a {type_name}" in result.diagnostics[0].message
    assert (result.aliases, result.tags, result.properties) == ((), (), None)


def test_impossible_date_is_a_diagnostic_not_an_exception():
    result = fm("title: ok\ndate: 2024-02-31\n", first_line=2)
    assert [d.kind for d in result.diagnostics] == ["invalid-yaml"]
    assert result.properties is None


def test_impossible_date_is_reported_on_its_line():
    result = fm("title: ok\nauthor: me\ndate: 2024-02-31\n", first_line=2)
    assert [(d.line, d.kind) for d in result.diagnostics] == [(4, "invalid-yaml")]


def test_moderately_nested_yaml_is_kept():
    result = fm("a: " + "[" * 50 + "1" + "]" * 50)
    value = result.properties["a"]
    for _ in range(50):
        (value,) = value
    assert value == 1


def test_deeply_nested_flow_yaml_does_not_raise():
    result = fm("a: " + "[" * 5000 + "]" * 5000 + "\nb: kept")
    json.dumps(result.properties or {})


def test_recursive_yaml_alias_does_not_raise():
    result = fm("a: &a [*a]\nb: ok\n")
    json.dumps(result.properties or {})
    assert result.diagnostics != () or result.properties is not None


def test_billion_laughs_frontmatter_is_bounded():
    levels = ['l0: &l0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        levels.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 10) + "]")
    yaml_text = "\n".join(levels)
    assert len(yaml_text) < 1000
    code = "import sys; from vaultkit.properties import read_frontmatter; read_frontmatter(sys.stdin.read(), 'n.md', 2)"
    try:
        subprocess.run([sys.executable, "-c", code], input=yaml_text, text=True, timeout=3, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("read_frontmatter did not finish within 3 s on a small frontmatter")
