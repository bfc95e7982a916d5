"""The screen and print PDFs as assistive technology reads them: PDF/UA-1 (ISO 14289-1)."""

from __future__ import annotations

import re

import page
import pikepdf
import pypdfium2 as pdfium
import pytest

from booklet import turkish

from .structure_reader import StructureReader, readable
from .test_booklet_pdf import HEADINGS, source_sentences


@pytest.fixture(scope="module", params=["screen", "print"])
def any_pdf(request, built, print_pdf):
    return built if request.param == "screen" else print_pdf


@pytest.fixture(scope="module")
def screen(built):
    with pikepdf.open(built) as pdf:
        yield pdf, StructureReader(pdf)


def test_both_files_pass_pdf_ua1_with_zero_failures(any_pdf):
    report = page.validate_pdf(str(any_pdf), profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert failures == [] and report.is_compliant
    assert report.rules.total > 50  # the checker ran its PDF/UA rules, not an empty profile


def test_every_mcid_is_claimed_by_exactly_one_element_and_the_parent_tree_agrees(any_pdf):
    with pikepdf.open(any_pdf) as pdf:
        reader = StructureReader(pdf)
        claims: dict[tuple[int, int], list] = {}
        for page_index, mcid, element in reader.claims():
            claims.setdefault((page_index, mcid), []).append(element)
        in_content = {(i, mcid) for i, content in enumerate(reader.contents) for mcid in content.order}
        assert in_content and set(claims) == in_content
        assert all(len(owners) == 1 for owners in claims.values())
        for content in reader.contents:
            assert len(content.order) == len(set(content.order))  # an MCID occurs once per page
        parent_tree = _number_tree(pdf.Root.StructTreeRoot.ParentTree)
        for i, p in enumerate(pdf.pages):
            if not reader.contents[i].order:
                continue
            owners = parent_tree[int(p.obj.StructParents)]
            assert len(owners) == len(reader.contents[i].order)
            for mcid, owner in enumerate(owners):
                assert owner.objgen == claims[(i, mcid)][0].obj.objgen
        annotations = [a for p in pdf.pages for a in p.obj.get("/Annots", [])]
        for annotation in annotations:
            element = parent_tree[int(annotation.StructParent)]
            assert any(k.get("/Obj") == annotation for k in element.K if isinstance(k, pikepdf.Dictionary))
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == len(pdf.pages) + len(annotations)


def _number_tree(node) -> dict[int, object]:
    entries = {}
    nums = node.get("/Nums", [])
    for key, value in zip(nums[::2], nums[1::2]):
        entries[int(key)] = value
    for kid in node.get("/Kids", []):
        entries.update(_number_tree(kid))
    return entries


def test_the_statistic_panel_reads_label_then_number(screen):
    _pdf, reader = screen
    lists = [readable(e.text) for e in reader.walk() if e.role == "L"]
    assert "Şehit 301 Gazi 326" in lists
    panel = next(e for e in reader.walk() if e.role == "L" and readable(e.text) == "Şehit 301 Gazi 326")
    items = [[(k.role, readable(k.text)) for k in li.kids] for li in panel.kids]
    assert items == [[("Lbl", "Şehit"), ("LBody", "301")], [("Lbl", "Gazi"), ("LBody", "326")]]


def test_section_subsection_paragraph_call_out_in_reading_order(screen):
    _pdf, reader = screen
    document = reader.root
    assert document.role == "Document"
    sections = [k for k in document.kids if k.role == "Sect"]
    opening = [k for k in sections if k.kids and k.kids[0].role == "H1"]
    family = next(s for s in opening if readable(s.kids[0].text) == "AİLE VE TOPLUM HİZMETLERİ")
    assert [k.role for k in family.kids[:2]] == ["H1", "P"]  # title in the band, then the intro
    aep = next(k for k in family.kids if k.role == "Sect" and readable(k.kids[0].text) == "Aile Eğitim Programı (AEP)")
    roles = [k.role for k in aep.kids]
    texts = [readable(k.text) for k in aep.kids]
    assert roles == ["H2", "P", "P"]
    assert texts[1].startswith("Aile Eğitim Programı, aile üyesi bireylerin")
    assert texts[1].endswith("28 modülden oluşmaktadır.")
    assert (
        texts[2] == "Elazığ ilimizde Aile Eğitim Programından 2013 yılından itibaren toplam 20.864 kişi faydalanmıştır."
    )
    titles = [readable(e.text) for e in reader.walk() if e.role == "H1"]
    assert titles[:3] == ["ELAZIĞ İLİ BİLGİLENDİRME KİTAPÇIĞI", "Sunuş", "AİLE VE TOPLUM HİZMETLERİ"]


def test_group_headings_are_h2_over_h3_subsections(screen):
    _pdf, reader = screen
    order = [(e.role, readable(e.text)) for e in reader.walk() if e.role in ("H1", "H2", "H3")]
    at = order.index(("H2", "KURULUŞLAR"))
    assert order[at - 1] == ("H1", "ÇOCUK HİZMETLERİ") and order[at + 1] == ("H3", "Çocuk Evleri")
    levels = [int(role[1]) for role, _ in order]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))  # no level is skipped


def test_tagged_text_reads_every_source_sentence_with_words_apart(screen):
    """Line ends carry a real space, hyphenated words read whole: every sentence of the
    source is found in the text of the structure tree's paragraphs."""
    _pdf, reader = screen
    text = " ".join(readable(e.text) for e in reader.walk() if e.role in ("P", "H1", "H2", "H3", "Lbl", "LBody"))
    missing = []
    for sentence in source_sentences():
        if sentence in HEADINGS:
            sentence = turkish.upper(sentence)
        if sentence not in text:
            missing.append(sentence)
    assert missing == []


def test_line_end_hyphens_stay_visible_and_read_as_soft_hyphens(screen):
    pdf, reader = screen
    spans = sum(c.hyphen_spans for c in reader.contents)
    assert spans >= 10
    raw = b"".join(p.Contents.read_bytes() for p in pdf.pages)
    marked = re.findall(rb"/Span <</ActualText <FEFF00AD>>> BDC\s*(\((?:[^()\\]|\\.)*\)) Tj", raw)
    assert len(marked) == spans and all(glyph == b"(-)" for glyph in marked)


def test_page_furniture_is_not_read(screen):
    _pdf, reader = screen
    text = " ".join(readable(e.text) for e in reader.walk() if not e.kids or e.role != "Document")
    assert "· Mayıs 2024" not in text  # the imprint in the folio line
    heads = [readable(e.text) for e in reader.walk() if e.role in ("H1",)]
    assert heads.count("AİLE VE TOPLUM HİZMETLERİ") == 1  # the running heads are artifacts


def test_letter_spaced_capitals_extract_as_words(built):
    document = pdfium.PdfDocument(str(built))
    try:
        intro = document[1].get_textpage().get_text_range()
        running = document[3].get_textpage().get_text_range()
    finally:
        document.close()
    assert "İÇİNDEKİLER" in intro and "İ Ç İ N" not in intro
    assert "AİLE VE TOPLUM HİZMETLERİ" in running


def test_the_table_of_contents_links_each_section_to_its_first_page(screen):
    pdf, reader = screen
    toc = next(e for e in reader.walk() if e.role == "TOC")
    items = [k for k in toc.kids if k.role == "TOCI"]
    assert len(items) == 7
    outline = {}
    with pdf.open_outline() as tree:
        for item in tree.root:
            outline[item.title] = item
    page_of = {p.obj.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    for item in items:
        (reference,) = item.kids
        (link,) = reference.kids
        assert (reference.role, link.role) == ("Reference", "Link")
        title, number = readable(link.text).rsplit(" ", 1)
        (annotation,) = [k[1] for k in link.kids if isinstance(k, tuple) and k[0] == "annotation"]
        assert annotation.Subtype == "/Link" and str(annotation.Contents) == title
        assert page_of[annotation.Dest[0].objgen] == int(number)
        assert outline[title].destination[0].objgen == annotation.Dest[0].objgen


def test_bookmarks_nest_subsections_under_their_section(screen):
    pdf, _reader = screen
    with pdf.open_outline() as tree:
        top = {item.title: [child.title for child in item.children] for item in tree.root}
    assert top["AİLE VE TOPLUM HİZMETLERİ"][:2] == [
        "Sosyal Hizmet Merkezi (SHM)",
        "Aile Sosyal Destek Programı (ASDEP)",
    ]
    with pdf.open_outline() as tree:
        child = next(i for i in tree.root if i.title == "ÇOCUK HİZMETLERİ")
        group = next(c for c in child.children if c.title == "Kuruluşlar")
        assert [c.title for c in group.children][:2] == ["Çocuk Evleri", "Çocuk Evleri Sitesi (ÇES)"]


def test_metadata_language_title_and_identification(any_pdf):
    with pikepdf.open(any_pdf) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Elazığ İli Bilgilendirme Kitapçığı"
        assert list(meta["dc:creator"]) == ["Aile ve Sosyal Hizmetler Bakanlığı"]
        assert "Mayıs 2024" in meta["dc:description"]
        assert list(meta["dc:language"]) == ["tr-TR"]
        assert meta["pdfuaid:part"] == "1"
        assert meta["xmp:CreateDate"].startswith("2024-05-01")
        assert str(pdf.Root.Lang) == "tr-TR"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        assert all(p.obj.Tabs == "/S" for p in pdf.pages)
        if "print" in any_pdf.name:
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"  # one packet, both standards
        else:
            assert pdf.is_linearized


def test_page_labels_match_the_printed_folios(built):
    document = pdfium.PdfDocument(str(built))
    try:
        for index in (1, 3, 6, len(document) - 2):
            width, _height = document[index].get_size()
            folio = document[index].get_textpage().get_text_bounded(0, 0, width, 40)
            assert str(index + 1) in folio.split()
            assert document.get_page_label(index) == str(index + 1)
    finally:
        document.close()


def test_an_image_is_a_figure_with_the_alt_text_of_the_content(booklet_copy, tmp_path):
    from booklet.build import build, targets_for

    from .conftest import shared
    from .test_images import add_image, picture

    picture(shared(booklet_copy) / "images/bina.png", (2400, 1200))
    add_image(booklet_copy, "images/bina.png")
    result = build(booklet_copy, tmp_path, targets=targets_for("all", 3, True))
    for written in result.files:
        report = page.validate_pdf(str(written.path), profile="ua1")
        assert [f.rule_id for f in report.failures] == []
        with pikepdf.open(written.path) as pdf:
            reader = StructureReader(pdf)
            figures = {str(e.obj.Alt): e for e in reader.walk() if e.role == "Figure"}  # with a chart and the QR code
            figure = figures["Mavi bir dikdörtgen"]
            order = [e for e in reader.walk() if e.role in ("Figure", "P")]
            after = order[order.index(figure) + 1]
            assert readable(after.text) == "Örnek görsel"  # the caption reads after the picture


def test_an_image_without_alt_text_is_an_error_at_its_place(booklet_copy):
    from booklet.build import check
    from booklet.diagnostics import BookletError, Report

    from .conftest import shared

    section = shared(booklet_copy) / "sections/06-sosyal-yardimlar.yaml"
    text = section.read_text(encoding="utf-8").rstrip() + "\n  - image:\n      file: images/bina.png\n"
    section.write_text(text, encoding="utf-8")
    with pytest.raises(BookletError) as raised:
        check(booklet_copy, Report())
    (error,) = raised.value.report.errors
    assert error.message == "image is missing the required key 'alt'"
    assert error.location.path == section and error.location.line == len(text.splitlines())
    assert "screen readers" in error.hint


def test_an_icon_with_a_description_is_a_figure_after_its_heading(booklet_copy, tmp_path):
    """Icons are decoration unless the content describes them: ``icon_alt`` makes the
    subsection's icon a Figure, read right after the heading it stands beside."""
    from booklet.build import build, targets_for

    from .conftest import shared

    section = shared(booklet_copy) / "sections/01-aile-ve-toplum.yaml"
    text = section.read_text(encoding="utf-8")
    described = text.replace(
        "icon: hane-ziyareti\n", "icon: hane-ziyareti\n      icon_alt: Bir evin kapısında iki kişi\n"
    )
    assert described != text
    section.write_text(described, encoding="utf-8")
    result = build(booklet_copy, tmp_path, targets=targets_for("all", 3, True))
    for written in result.files:
        assert [f.rule_id for f in page.validate_pdf(str(written.path), profile="ua1").failures] == []
        with pikepdf.open(written.path) as pdf:
            reader = StructureReader(pdf)
            (sect,) = [
                e
                for e in reader.walk()
                if e.role == "Sect"
                and any(
                    isinstance(k, type(e))
                    and k.role == "Figure"
                    and str(k.obj.get("/Alt", "")) == "Bir evin kapısında iki kişi"
                    for k in e.kids
                )
            ]
            roles = [k.role for k in sect.kids if isinstance(k, type(sect))]
            assert roles[:3] == ["H2", "Figure", "P"]
            assert readable(sect.kids[0].text).startswith("Aile Sosyal Destek Programı")
            icons = [e for e in reader.walk() if e.role == "Figure" and "/Alt" in e.obj]
            assert len(icons) == 3  # this icon, the chart and the QR code: the other icons stay decoration


ENGLISH_WORDS = (
    "This information booklet describes the ministry's services with extraordinarily comprehensive"
    " intergovernmental responsibilities, internationalisation, characteristically straightforward"
    " implementation, counterproductive misunderstandings and uncharacteristically"
    " incomprehensible bureaucratisation of telecommunications infrastructure."
)


def _english_subsection(booklet, lang: bool) -> None:
    from .conftest import shared

    section = shared(booklet) / "sections/07-yatirimlar.yaml"
    english = (
        "  - subsection:\n"
        "      title: About this booklet\n"
        "      icon: aile\n" + ("      lang: en\n" if lang else "") + "      text: |\n"
        f"        {ENGLISH_WORDS} {ENGLISH_WORDS}\n"
    )
    section.write_text(section.read_text(encoding="utf-8").rstrip() + "\n" + english, encoding="utf-8")


def _english_paragraph(reader) -> object:
    return next(e for e in reader.walk() if e.role == "P" and readable(e.text).startswith("This information booklet"))


def test_a_subsection_in_another_language_carries_its_lang_and_is_not_hyphenated(booklet_copy, tmp_path):
    """/Lang tr-TR on the document, and on a passage in another language (``lang: en``)."""
    import shutil

    from booklet.build import build, targets_for

    plain = tmp_path / "plain"
    shutil.copytree(booklet_copy.parent.parent, plain)
    _english_subsection(plain / "elazig" / "2024-2", lang=False)
    build(plain / "elazig" / "2024-2", tmp_path / "plain-out")
    with pikepdf.open(tmp_path / "plain-out" / "elazig-2024-2.pdf") as pdf:
        untagged = _english_paragraph(StructureReader(pdf))
        assert "/Lang" not in untagged.obj and "\u00ad" in untagged.text  # Turkish rules break English words

    _english_subsection(booklet_copy, lang=True)
    result = build(booklet_copy, tmp_path / "out", targets=targets_for("all", 3, True))
    for written in result.files:
        assert [f.rule_id for f in page.validate_pdf(str(written.path), profile="ua1").failures] == []
        with pikepdf.open(written.path) as pdf:
            assert str(pdf.Root.Lang) == "tr-TR"
            reader = StructureReader(pdf)
            marked = [e for e in reader.walk() if str(e.obj.get("/Lang", "")) == "en"]
            assert [e.role for e in marked][:3] == ["Sect", "H2", "P"]
            english = _english_paragraph(reader)
            assert str(english.obj.Lang) == "en"
            assert "\u00ad" not in english.text  # no line ends at a Turkish hyphenation point
            assert readable(english.text) == f"{ENGLISH_WORDS} {ENGLISH_WORDS}"


def test_a_language_that_is_not_a_tag_is_an_error_at_its_place(booklet_copy):
    from booklet.build import check
    from booklet.diagnostics import BookletError, Report

    from .conftest import shared

    section = shared(booklet_copy) / "sections/01-aile-ve-toplum.yaml"
    text = section.read_text(encoding="utf-8")
    broken = text.replace("icon: hane-ziyareti\n", "icon: hane-ziyareti\n      lang: English\n", 1)
    section.write_text(broken, encoding="utf-8")
    with pytest.raises(BookletError) as raised:
        check(booklet_copy, Report())
    (error,) = raised.value.report.errors
    line = broken.splitlines().index("      lang: English") + 1
    assert error.message == "'English' is not a language tag"
    assert (error.location.line, error.location.col) == (line, 13)
