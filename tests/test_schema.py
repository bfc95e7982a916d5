"""The JSON Schemas editors use agree with the loader: content validates, a misspelt key does not."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from booklet import i18n
from booklet.assets import assets_dir
from booklet.jsonschema import FILES, schema_for

from .conftest import CONTENT, PROSE

SCHEMAS = assets_dir() / "schemas"
CONTENT_FILES = [
    ("booklet", CONTENT / "booklet.yaml"),
    ("figures", CONTENT / "figures.yaml"),
    ("prose", PROSE / "prose.yaml"),
    ("theme", PROSE / "theme.yaml"),
    *[("section", path) for path in sorted((PROSE / "sections").glob("*.yaml"))],
]


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture()
def turkish():
    i18n.setup("tr")
    yield
    i18n.setup("en")


def test_shipped_schemas_are_up_to_date_and_in_turkish(turkish):
    for kind in FILES:
        shipped = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert shipped == schema_for(kind), f"{kind}: run booklet --lang tr schema"
    section = json.loads((SCHEMAS / "section.schema.json").read_text(encoding="utf-8"))
    assert section["title"] == "Kitapçığın bir bölümü (sections/*.yaml)"
    assert section["properties"]["title"]["description"] == "Bölüm başlığı, normal yazımla; büyük harflerle basılır."
    descriptions = re.findall(
        r'"description": "([^"]*)"', "".join(p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json"))
    )
    assert len(descriptions) > 50
    english = [d for d in descriptions if re.search(r"\b(the|of|and|is|printed|with|for)\b", d)]
    assert english == []


def test_schema_descriptions_follow_the_message_language():
    assert schema_for("section")["properties"]["title"]["description"] == (
        "Section title in normal case; printed in capitals."
    )


@pytest.mark.parametrize(("kind", "path"), CONTENT_FILES, ids=[p.name for _, p in CONTENT_FILES])
def test_every_content_file_validates_and_names_its_schema(kind, path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and f"/{kind}.schema.json" in text.splitlines()[0]
    errors = list(validator(kind).iter_errors(yaml.safe_load(text)))
    assert errors == []


def test_a_misspelt_key_is_rejected():
    section = yaml.safe_load((PROSE / "sections/02-cocuk.yaml").read_text(encoding="utf-8"))
    section["blocks"][1]["subsection"]["ikon"] = section["blocks"][1]["subsection"].pop("icon")
    messages = [e.message for e in validator("section").iter_errors(section)]
    assert messages and "'ikon' was unexpected" in " ".join(messages) + " ".join(
        sub.message for e in validator("section").iter_errors(section) for sub in e.context
    )


def test_wrong_values_are_rejected():
    figures = yaml.safe_load((CONTENT / "figures.yaml").read_text(encoding="utf-8"))
    figures["shm_sayisi"]["kind"] = "sayi"
    figures["asdep_hane_sayisi"]["value"] = "92.783"
    paths = sorted("/".join(map(str, e.path)) for e in validator("figures").iter_errors(figures))
    assert paths == ["asdep_hane_sayisi/value", "shm_sayisi/kind"]
    theme = yaml.safe_load((PROSE / "theme.yaml").read_text(encoding="utf-8"))
    theme["colours"]["aile"]["rgb"] = "0F7C8C"
    assert [e.path[-1] for e in validator("theme").iter_errors(theme)] == ["rgb"]
