"""The users' guide (issue #16.9): one Markdown file per role under ``kinerja/web/guide/``,
shown in the application at /bantuan/ and copied to docs/guide/ (``python -m
kinerja.web.guide`` writes the copies; a test checks they are current). Screenshots are taken
by a browser test (tests/e2e/test_e2e_guide.py) into docs/guide/img/, so they follow the pages
as they change; the application serves them from there as static files under ``panduan/``
(settings.STATICFILES_DIRS) and leaves a picture out when the checkout has none.

Rendered with markdown-it-py (CommonMark, the parser behind MyST and rich) with raw HTML off:
the guide is text we write, but nothing in it can inject markup."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GUIDE_DIR = Path(__file__).resolve().parent / "guide"
IMAGE_DIR = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    who: str  # one line: who reads this page


# In the order the index lists them; the slug is the page's address and the file's name.
TOPICS = [
    Topic("pegawai", "Pemegang jabatan (Kasi, Kasubbag, staf)", "mengisi realisasi dan bukti"),
    Topic("atasan", "Atasan (Kabid, Sekretaris, Kasi)", "memverifikasi dan mengembalikan"),
    Topic("kepala", "Kepala Dinas dan pimpinan", "memantau capaian seluruh dinas"),
    Topic("perencana", "Perencana", "target, Perjanjian Kinerja, periode, laporan"),
    Topic("operator", "Operator", "mengisi realisasi atas nama pemegang jabatan"),
    Topic("administrator", "Administrator", "pengguna, penugasan, peran, tampilan"),
    Topic("inspektorat", "Inspektorat", "membaca dan memeriksa jejak audit"),
]
BY_SLUG = {t.slug: t for t in TOPICS}
IMAGE = re.compile(r"\]\(img/([a-z0-9-]+\.png)\)")


def source(slug: str) -> str:
    return (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")


@lru_cache(maxsize=16)
def render(slug: str) -> str:
    """The page's HTML; ``img/x.png`` points at the screenshot among the static files (its
    hashed name in production)."""
    from django.templatetags.static import static
    from markdown_it import MarkdownIt

    text = source(slug)
    if IMAGE_DIR.is_dir():
        text = IMAGE.sub(lambda m: f"]({static('panduan/' + m.group(1))})", text)
    else:  # an installation without the docs: the text alone
        text = re.sub(r"^!\[[^\]]*\]\(img/[^)]*\)\s*$", "", text, flags=re.MULTILINE)
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def roles_of(user) -> list[str]:
    """The guide pages that fit what this user does today."""
    if not getattr(user, "is_authenticated", False):
        return []
    from kinerja.accounts.access import access_for

    access = access_for(user)
    slugs = []
    if access.held:
        slugs.append("pegawai")
    if access.is_supervisor:
        slugs.append("atasan")
    if access.is_head or access.role_agencies("pimpinan"):
        slugs.append("kepala")
    for role in ("perencana", "operator", "administrator", "inspektorat"):
        if access.role_agencies(role) or (role == "inspektorat" and access.reads_all):
            slugs.append(role)
    return slugs


def docs_copy(slug: str) -> str:
    """docs/guide/<slug>.md: the same text, images from docs/guide/img/."""
    return source(slug)


def index_markdown() -> str:
    lines = [
        "# Panduan pengguna kinerja",
        "",
        "Panduan yang sama tampil di aplikasi (menu **Bantuan**, alamat `/bantuan/`). "
        "Gambar layar dibuat oleh uji peramban (`tests/e2e/test_e2e_guide.py`) dari data demo, "
        "sehingga selalu sesuai dengan tampilan terbaru: `bash scripts/guide-screenshots.sh` "
        "memotret ulang dan menyalin teks panduan dari `kinerja/web/guide/`.",
        "",
        "| peran | untuk |",
        "|---|---|",
    ]
    lines += [f"| [{t.title}]({t.slug}.md) | {t.who} |" for t in TOPICS]
    return "\n".join(lines) + "\n"


def write_docs(root: Path) -> list[Path]:
    """Write docs/guide/ (index and one page per role). Returns the files written."""
    out = root / "docs" / "guide"
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "README.md"]
    written[0].write_text(index_markdown(), encoding="utf-8")
    for topic in TOPICS:
        path = out / f"{topic.slug}.md"
        path.write_text(docs_copy(topic.slug), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # python -m kinerja.web.guide [REPO_ROOT]
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for path in write_docs(root):
        print(path)
