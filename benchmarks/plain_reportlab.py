"""Reference point: the same booklet text set with a plain ReportLab platypus script.

No validation, no figures, no Turkish rules, no icons: just the paragraphs of every
section in an embedded TrueType font. ``bench_build.py`` times this against ``booklet build``
so the ratio is measured on the same machine.
"""

import sys
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

ROOT = Path(__file__).resolve().parent.parent


def main(content: Path, out: Path) -> None:
    fonts = ROOT / "assets" / "fonts"
    pdfmetrics.registerFont(TTFont("Body", str(fonts / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Bold", str(fonts / "NotoSans-Bold.ttf")))
    body = ParagraphStyle("b", fontName="Body", fontSize=9.8, leading=14.6)
    head = ParagraphStyle("h", fontName="Bold", fontSize=18, leading=24)
    meta = yaml.safe_load((content / "prose.yaml").read_text(encoding="utf-8"))
    story = [Paragraph(meta["title"], head), Paragraph(meta["introduction"], body), PageBreak()]
    for name in meta["sections"]:
        section = yaml.safe_load((content / name).read_text(encoding="utf-8"))
        story.append(Paragraph(section["title"], head))
        for block in section["blocks"]:
            for value in block.values():
                text = value if isinstance(value, str) else value.get("text", "")
                for para in str(text).split("\n\n"):
                    if para.strip():
                        story.append(Paragraph(para.replace("**", ""), body))
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4, invariant=1).build(story)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
