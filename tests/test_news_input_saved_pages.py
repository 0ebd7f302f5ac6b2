"""The news reader on pages as analysts really save them, and on files given by mistake.

Every file here is a small fixture written by the test; the article's wording is the Trend
report of 17 January 2026 in ``tests/data/news_real`` (dev02), cut to its first paragraphs.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import quopri
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from caspian.layers.news.documents import read_document
from cli_support import run_cli

_LEAD = ("Казмортрансфлот (дочерняя компания КазМунайГаз (КМГ)) перевезла 59,4 тысячи контейнеров"
         " в двадцатифутовом эквиваленте (ДФЭ) в направлении Актау-Баку-Актау в 2025 году.")
_SECOND = ("Отмечается, что объем перевозок увеличился более чем на 15% по сравнению с 2024 годом"
           " (51,4 тысячи ДФЭ).")
_THIRD = ("Согласно данным Национального бюро по статистике Казахстана, в 2025 году морским"
          " транспортом страны перевезено 4,002 миллиона тонн грузов.")
_PARAGRAPHS = (_LEAD, _SECOND, _THIRD)
_TITLE = "Казмортрансфлот перевез 59,4 тысячи ДФЭ в 2025 году"


def _page(article: str | None = None, head: str = "") -> str:
    """A news page: menu, the article, related news and a footer around it."""
    if article is None:
        article = "<article>" + "".join(f"<p>{p}</p>\n" for p in _PARAGRAPHS) + "</article>"
    return (
        f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{_TITLE}</title>'
        f'<meta property="og:site_name" content="Trend">{head}</head><body>'
        '<nav><ul><li><a href="/">Главная</a></li><li><a href="/e">Экономика</a></li></ul></nav>'
        f"<main>{article}</main>"
        '<aside><h3>Похожие новости</h3><ul><li><a href="/1">Порт Актау увеличил перевалку'
        " зерна на 40%</a></li></ul></aside><footer><p>© 2026 Trend</p></footer></body></html>"
    )


def _claims(path: Path) -> list[tuple[str, float, str]]:
    from caspian.layers.news.analysis import analyse

    return [(claim.kind, claim.value, claim.text) for claim in analyse(read_document(path)).claims]


def _refused(tmp_path: Path, name: str, content: bytes,
             capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run_cli(["ingest", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _mhtml(html: str, first_line: str) -> bytes:
    """A web archive as Chrome ("Saved by Blink") or Internet Explorer writes it."""
    encoded = quopri.encodestring(html.encode()).decode()
    return (
        f"{first_line}\nSubject: {_TITLE}\nDate: Sat, 17 Jan 2026 10:00:00 +0400\n"
        "MIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype=\"text/html\";\n"
        '\tboundary="----MultipartBoundary--x----"\n\n------MultipartBoundary--x----\n'
        "Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n"
        f"Content-Location: https://www.trend.az/business/1\n\n{encoded}\n"
        "------MultipartBoundary--x----\nContent-Type: image/png\n"
        "Content-Transfer-Encoding: base64\n\n"
        f"{base64.b64encode(bytes(range(256))).decode()}\n------MultipartBoundary--x------\n"
    ).encode()


@pytest.mark.parametrize("name", ["page.mhtml", "page.mht", "page.txt"])
@pytest.mark.parametrize("first_line", ["From: <Saved by Blink>",
                                        "From: <Saved by Windows Internet Explorer 8>"])
def test_a_web_archive_is_refused_naming_the_html_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first_line: str
) -> None:
    # before: read as plain text, quoted-printable and base64 lines and all: "language: en",
    # 120 sentences, no mention of the article
    err = _refused(tmp_path, name, _mhtml(_page(), first_line), capsys)
    assert "web archive (MHTML)" in err and "HTML only" in err


_RSS = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Trend'
        "</title><item><title>{title}</title><link>https://www.trend.az/business/1</link>"
        "<pubDate>Sat, 17 Jan 2026 10:00:00 +0400</pubDate><description>{lead}</description>"
        "</item></channel></rss>")
_ATOM = ('<?xml version="1.0" encoding="utf-8"?>\n<!-- generator -->\n'
         '<feed xmlns="http://www.w3.org/2005/Atom"><title>Trend</title><entry><title>{title}'
         "</title><updated>2026-01-17T10:00:00Z</updated><content type=\"html\">&lt;p&gt;{lead}"
         "&lt;/p&gt;</content></entry></feed>")


@pytest.mark.parametrize(("name", "template", "kind"),
                         [("feed.xml", _RSS, "RSS"), ("feed.rss", _RSS, "RSS"),
                          ("atom.xml", _ATOM, "Atom")])
def test_a_news_feed_is_refused_naming_the_article_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, template: str, kind: str
) -> None:
    # before: read as plain text, tags and all, the feed's items as one article's claims
    content = template.format(title=_TITLE, lead=_LEAD).encode()
    err = _refused(tmp_path, name, content, capsys)
    assert f"news feed ({kind})" in err and "save the article's own page" in err


def _zipped(first: str, document: str) -> bytes:
    """A .docx (``[Content_Types].xml``, ``word/document.xml``) or an .odt (``mimetype``,
    ``content.xml``) holding the lead."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first, "<Types/>")
        archive.writestr(document, f"<document><t>{_LEAD}</t></document>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "named"),
    [
        ("page.html.gz", gzip.compress(_page().encode()), "gzip-compressed; decompress it"),
        ("article.docx", _zipped("[Content_Types].xml", "word/document.xml"),
         "a Word document (.docx)"),
        ("article.odt", _zipped("mimetype", "content.xml"), "a ZIP archive"),
        ("article.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 9 >>\nstream\n"
         b"x\x9c\x00\x01\x02\nendstream\nendobj\n%%EOF\n", "a PDF document"),
        ("article.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "a Word 97-2003"),
        ("article.rtf", b"{\\rtf1\\ansi\\ansicpg1251 {\\f0 Arial;} \\'ca\\'e0\\'e7 "
         + _LEAD.encode("ascii", "replace") + b"}", "an RTF document"),
    ],
)
def test_a_document_of_another_format_is_refused_naming_the_conversion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, named: str
) -> None:
    # before: "is a binary file; give a text or HTML article" for all but RTF, which was
    # read as text, control words and all
    err = _refused(tmp_path, name, content, capsys)
    assert named in err and (".txt" in err or "gunzip" in err)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_byte_order_mark_reads_as_its_utf8_copy(
    tmp_path: Path, encoding: str
) -> None:
    # before: "is a binary file" (an ASCII character of UTF-16 holds a zero byte)
    text = "date 2026-01-17 АСТАНА /Trend/ - " + "\n\n".join(_PARAGRAPHS) + "\n"
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode(encoding))
    document = read_document(tmp_path / "utf16.txt")
    assert document.text == text
    assert document.meta["encoding"] == f"{encoding} (guessed: no byte order mark)"
    assert _claims(tmp_path / "utf16.txt") == _claims(tmp_path / "utf8.txt")
    assert ("containers", 59400.0, "59,4 тысячи контейнеров в двадцатифутовом эквиваленте") in (
        _claims(tmp_path / "utf8.txt"))


@pytest.mark.parametrize(
    "prefix",
    ['<?xml version="1.0" encoding="utf-8"?>\n',
     "<!-- saved from url=(0034)https://www.trend.az/business/1 -->\n"],
)
def test_a_page_opening_with_an_xml_declaration_or_a_comment_is_html_whatever_its_name(
    tmp_path: Path, prefix: str
) -> None:
    # before: a page saved under a name with no .html ("article", "page.txt") opening with
    # Internet Explorer's "saved from url" comment or XHTML's declaration was read as text,
    # markup and all
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "page").write_text(prefix + _page(), encoding="utf-8")
    document = read_document(tmp_path / "page")
    assert (document.format, document.title, document.outlet) == ("html", _TITLE, "Trend")
    assert _claims(tmp_path / "page") == _claims(tmp_path / "page.html")


def test_a_pattern_the_shell_matched_to_no_file_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # before: "…/*.html does not exist; give the path of a saved article"
    code, out, err = run_cli(["ingest", str(tmp_path / "*.html")], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "matches no file" in err


def test_an_article_inside_noscript_is_read(tmp_path: Path) -> None:
    # a page that renders with script and keeps its article for readers without it in
    # <noscript>; before: "has no article text that the reader can find" (trafilatura found
    # the paragraphs, the projected text had dropped them)
    article = ('<div id="app"></div><noscript><article>'
               + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS) + "</article></noscript>")
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "noscript.html").write_text(_page(article), encoding="utf-8")
    document = read_document(tmp_path / "noscript.html")
    body = [document.text[start:end] for start, end in document.body_spans]
    assert body == list(_PARAGRAPHS)
    assert _claims(tmp_path / "noscript.html") == _claims(tmp_path / "page.html")


@pytest.mark.parametrize("ascii_only", [False, True])
def test_an_article_only_in_json_ld_is_read_at_its_place_in_the_file(
    tmp_path: Path, ascii_only: bool
) -> None:
    # a page whose visible body is filled by script: the article is the articleBody of its
    # JSON-LD (Cyrillic as it is, or as \\u escapes); before: "has no article text that the
    # reader can find"
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": _TITLE,
            "datePublished": "2026-01-17T10:00:00+04:00",
            "articleBody": "\n".join(_PARAGRAPHS) + " \U0001f6a2"}
    script = json.dumps(data, ensure_ascii=ascii_only)
    head = f'<script type="application/ld+json">{script}</script>'
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    path = tmp_path / "jsonld.html"
    path.write_text(_page('<div id="root">Загрузка…</div>', head), encoding="utf-8")
    document = read_document(path)
    assert document.date == "2026-01-17"
    body = " ".join(document.text[start:end] for start, end in document.body_spans)
    assert body.split() == [*" ".join(_PARAGRAPHS).split(), "\U0001f6a2"]
    assert "Загрузка" not in body
    assert _claims(path) == _claims(tmp_path / "page.html")
    start, _ = document.original_span(*document.body_spans[0])
    escaped = json.dumps(_LEAD, ensure_ascii=ascii_only)[1:-1]
    assert document.original[start:].startswith(escaped[:40])


def test_a_long_page_is_projected_in_tens_of_bytes_per_character_not_a_hundred() -> None:
    # A page saved with thousands of readers' comments under the article (77 MB in the
    # round's trial: 5.5 GB resident): projecting it and finding the article's paragraphs in
    # it took 137 bytes per projected character at its peak here (a str object and an int
    # object for each character, twice); each offset is now 8 bytes in an array: 27.5.
    from caspian.layers.news import html_text

    comments = "".join(
        f'<div class="comment"><span>user{number}</span><p>Комментарий {number}: порт Актау'
        " снова в новостях, а тарифы растут.</p></div>\n" for number in range(12_000))
    page = _page().replace("<footer>", f"<section>{comments}</section><footer>")
    tracemalloc.start()
    try:
        projected = html_text.project_html(page)
        spans = html_text.locate_paragraphs(list(_PARAGRAPHS), projected.text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [projected.text[start:end] for start, end in spans] == list(_PARAGRAPHS)
    assert len(projected.text) > 850_000
    assert peak < 40 * len(projected.text), peak / len(projected.text)


@pytest.mark.parametrize(("charset", "encoding"), [("windows-1251", "cp1251"),
                                                   ("koi8-r", "koi8_r")])
def test_a_charset_declared_after_a_long_inline_script_is_the_one_read(
    tmp_path: Path, charset: str, encoding: str
) -> None:
    # Pages put analytics scripts in <head> before their <meta http-equiv>; before: the
    # charset was looked for in the first 4,096 bytes only: "read as cp1251 (guessed: the
    # file declares no charset)", and a page too short to guess was refused as declaring none
    script = "<script>" + "window.dataLayer.push({event: 'view'});\n" * 200 + "</script>"
    declared = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    page = _page(head=script + declared).replace('<meta charset="utf-8">', "")
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.replace("©", "(c)").encode(encoding))
    document = read_document(path)
    assert document.meta["encoding"] == charset
    assert _claims(path) == _claims(tmp_path / "page.html")


def _as_saved_page(path: Path, target: Path) -> None:
    """The article of ``path`` (a plain-text page) saved as an HTML page: its body paragraphs
    in <p>, after a menu, its date in the markup."""
    import html

    document = read_document(path)
    paragraphs = "".join(f"<p>{html.escape(document.text[start:end])}</p>\n"
                         for start, end in document.body_spans)
    published = f'<meta property="article:published_time" content="{document.date}T10:00:00">'
    target.write_text(_page(f"<article>{paragraphs}</article>", published), encoding="utf-8")


def _read_as(path: Path) -> list[tuple[object, ...]]:
    from caspian.layers.news.analysis import analyse

    analysis = analyse(read_document(path))
    return [(claim.kind, claim.value, claim.text, claim.subject, claim.scope, claim.link)
            for claim in analysis.claims]


def test_a_real_article_saved_as_html_gives_the_claims_of_its_text(tmp_path: Path) -> None:
    # held155 (Эхо Кавказа, 22 August 2025): "Проект был активизирован … под названием
    # «Маршрут Трампа для международного мира и процветания» (TRIPP)" names the corridor,
    # it is no project the figures are about. The reader told that name by the mention's
    # offsets; a mention's start and end are offsets in the file, which in a saved page lie
    # past the markup before it. Before: as .txt the five figures were the Kars-Dilucu line's
    # ("the article's feature"), as .html the Syunik route's, the length "section:TR".
    text = (Path(__file__).parent / "data" / "news_real"
            / "held155_ekhokavkaza_20250822_kars_dilucu_224km.txt")
    page = tmp_path / "held155.html"
    _as_saved_page(text, page)
    claims = _read_as(page)
    assert claims == _read_as(text)
    assert ("length", 224.0, "224 километра", "zangezur_corridor/kars-dilucu") in [
        claim[:4] for claim in claims]


def test_a_file_address_copied_from_the_browser_is_answered_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An analyst opens the saved page in the browser and copies its address. Before: "is a
    # web address; … save the page first (e.g. curl -o page.html URL)", the wrong fix for a
    # file already saved.
    page = tmp_path / "Трнд статья.html"
    page.write_text(_page(), encoding="utf-8")
    code, out, err = run_cli(["ingest", page.as_uri()], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "curl" not in err
    assert f"is the address of a file on this computer; give its path: {page}" in err


@pytest.mark.parametrize("name", ["legacy.html", "legacy"])
def test_a_utf8_byte_order_mark_before_a_windows_1251_page_is_dropped(
    tmp_path: Path, name: str
) -> None:
    # An editor that prepends a UTF-8 byte order mark to a page it leaves in windows-1251:
    # the mark contradicts the charset declared. Before: the mark read as "п»ї", so a page
    # saved without .html was not recognised as HTML and read as text, menu, related news and
    # all (10 claims, not 7 as the same page as .html).
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    page = _page(head=declared).replace('<meta charset="utf-8">', "").replace("©", "(c)")
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + page.encode("cp1251"))
    document = read_document(path)
    assert (document.format, document.meta["encoding"]) == ("html", "windows-1251")
    assert not document.original.startswith("п»ї")
    assert _claims(path) == _claims(tmp_path / "page.html")


def test_a_page_that_leaves_out_the_optional_end_tags_is_read(tmp_path: Path) -> None:
    # HTML5 lets a page leave out </head>, </p>, </li>, </body> and </html> (minifiers do,
    # with "remove optional tags"). Before: the head never closed, everything after it was
    # skipped with it: "has no article text that the reader can find".
    page = _page().replace("</head>", "").replace("</p>", "").replace("</li>", "")
    page = page.replace("</body></html>", "")
    (tmp_path / "page.html").write_text(_page(), encoding="utf-8")
    path = tmp_path / "minified.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path)
    assert [document.text[start:end] for start, end in document.body_spans] == list(_PARAGRAPHS)
    assert (document.title, document.outlet) == (_TITLE, "Trend")
    assert _claims(path) == _claims(tmp_path / "page.html")


def test_a_tracking_pixel_in_the_heads_noscript_does_not_open_the_body(tmp_path: Path) -> None:
    # "<noscript><img src=…facebook.com/tr…></noscript>" in <head> is on most news pages; a
    # browser running scripts reads it as text, so its <img> closes no head: the <title> after
    # it stays out of the page's text
    pixel = ('<noscript><img height="1" width="1" style="display:none" '
             'src="https://www.facebook.com/tr?id=1&amp;ev=PageView"></noscript>')
    plain, tracked = tmp_path / "page.html", tmp_path / "tracked.html"
    plain.write_text(_page(), encoding="utf-8")
    tracked.write_text(_page().replace("<head>", f"<head>{pixel}"), encoding="utf-8")
    assert read_document(tracked).text == read_document(plain).text


def test_an_outlet_named_only_as_the_publisher_of_the_pages_json_ld_is_read(
    tmp_path: Path,
) -> None:
    # Many pages name their outlet in JSON-LD ("publisher": {"name": …}) and carry no
    # og:site_name. Before: "outlet: -", though trafilatura had read "Trend" there.
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": _TITLE,
            "publisher": {"@type": "Organization", "name": "Trend"}}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    page = _page(head=head).replace('<meta property="og:site_name" content="Trend">', "")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).outlet == "Trend"


@pytest.mark.parametrize("command", [["conflicts"], ["mentions", "btc_pipeline"]])
def test_a_feed_an_earlier_version_stored_in_the_corpus_names_the_manifest_to_unlist_it_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # Versions before this round read an RSS feed or a web archive as plain text, and
    # 'ingest --add' stored it. Reading that corpus now refuses the file; before, with the
    # fix for a file given to ingest ("save the article's own page and give that"), which
    # leaves every command on the corpus failing.
    import hashlib

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    feed = _RSS.format(title=_TITLE, lead=_LEAD)
    (corpus / "000_feed.xml").write_text(feed, encoding="utf-8")
    entry = {"id": "000_feed.xml", "format": "text", "language": "ru",
             "sha256": hashlib.sha256(feed.encode()).hexdigest()}
    (corpus / "manifest.json").write_text(
        json.dumps({"description": "caspian-gis news corpus (caspian ingest --add)",
                    "documents": [entry]}), encoding="utf-8")
    code, out, err = run_cli([*command, "--corpus", str(corpus)], capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "news feed (RSS)" in err
    assert f"unlist it from {corpus / 'manifest.json'}" in err


def test_a_plain_text_article_saved_under_an_html_name_is_read_as_text(tmp_path: Path) -> None:
    # An article's text pasted into an editor and saved as "article.html", or a tool that
    # names every download .html. Before: read as markup (which it holds none of), trafilatura
    # found nothing: "has no article text that the reader can find; give the page's full text".
    text = "date 2026-01-17 АСТАНА /Trend/ - " + "\n\n".join(_PARAGRAPHS) + "\n"
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "article.html").write_text(text, encoding="utf-8")
    document = read_document(tmp_path / "article.html")
    assert (document.format, document.date) == ("text", "2026-01-17")
    assert _claims(tmp_path / "article.html") == _claims(tmp_path / "article.txt")


@pytest.mark.parametrize(
    "head",
    ['<meta property="og:updated_time" content="2024-03-01T10:00:00+04:00">',
     '<meta property="article:modified_time" content="2024-03-01T10:00:00+04:00">'],
)
def test_a_page_dated_only_by_its_last_update_has_no_publication_date(
    tmp_path: Path, head: str
) -> None:
    # A CMS migration stamps every archived page with the day it ran; the page states no
    # publication date. Before: "date: 2024-03-01 (html-meta)", the update taken for the
    # publication, and a deadline "до конца года" read against it.
    path = tmp_path / "page.html"
    path.write_text(_page(head=head), encoding="utf-8")
    document = read_document(path)
    assert (document.date, document.date_source) == (None, None)
    published = '<meta property="article:published_time" content="2018-05-14T09:00:00+04:00">'
    path.write_text(_page(head=head + published), encoding="utf-8")
    assert read_document(path).date == "2018-05-14"


def test_a_json_ld_publication_date_beside_a_later_update_is_the_date(tmp_path: Path) -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": _TITLE,
            "datePublished": "2018-05-14T09:00:00+04:00",
            "dateModified": "2024-03-01T10:00:00+04:00"}
    head = (f'<script type="application/ld+json">{json.dumps(data)}</script>'
            '<meta property="og:updated_time" content="2024-03-01T10:00:00+04:00">')
    path = tmp_path / "page.html"
    path.write_text(_page(head=head), encoding="utf-8")
    assert read_document(path).date == "2018-05-14"
