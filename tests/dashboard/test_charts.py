"""The pure SVG charts (kinerja.charts): valid SVG, figures as text, patterns besides colours,
the numbers as a table, nothing drawn for a figure that cannot be computed."""

from decimal import Decimal
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from kinerja.charts import TONES, Bar, Series, hbars, sparkline, stacked, trend

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_hbars_prints_every_figure_and_links_and_table():
    chart = hbars(
        [
            Bar("Sekretariat", Decimal("98.98"), "98,98% · Sangat Tinggi", "p0", "/dasbor/unit/1/"),
            Bar("Bidang <Pelayanan>", Decimal("63.50"), "63,50% · Rendah", "p3"),
            Bar("Bidang baru", None, "tidak ada indikator yang ditargetkan", "kosong"),
        ],
        title="Capaian per bidang",
        legend=[("p0", "Sangat Tinggi"), ("p3", "Rendah"), ("kosong", "tidak dapat dihitung")],
    )
    root = parse(chart.svg)
    shown = texts(root)
    assert "98,98% · Sangat Tinggi" in shown
    assert "Bidang <Pelayanan>" in shown  # escaped in the markup, the same text when read
    assert "tidak ada indikator yang ditargetkan" in shown
    assert {"Sangat Tinggi", "Rendah", "tidak dapat dihitung"} <= set(shown)  # the legend
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2  # no bar for the figure that cannot be computed
    # 150% is the edge of a 460-unit plot: 98.98% is 303.5 units long
    assert bars[0].get("width") == "303.5"
    assert bars[1].get("fill").startswith("url(#")  # a pattern, not only a colour
    assert root.find(f"{SVG}defs/{SVG}pattern") is not None
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/dasbor/unit/1/"]
    assert chart.rows == [
        ("Sekretariat", "98,98% · Sangat Tinggi"),
        ("Bidang <Pelayanan>", "63,50% · Rendah"),
        ("Bidang baru", "tidak ada indikator yang ditargetkan"),
    ]
    assert root.get("role") == "group"  # its bars are links: not an "img"
    assert root.find(f"{SVG}title").text == "Capaian per bidang"


def test_hbars_long_bar_is_clipped_at_the_edge_and_says_the_rest():
    chart = hbars([Bar("A", Decimal("400"), "400,00%")], title="t", limit=Decimal(150))
    rect = next(r for r in parse(chart.svg).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None)
    assert rect.get("width") == "460"
    assert "400,00%" in texts(parse(chart.svg))


def test_fixed_size_for_documents_and_scaled_for_pages():
    bar = [Bar("A", Decimal(50), "50,00%")]
    assert parse(hbars(bar, title="t", fixed=True).svg).get("height") is not None
    page = parse(hbars(bar, title="t").svg)
    assert page.get("width") == "100%" and page.get("height") is None
    assert page.get("viewBox").startswith("0 0 480 ")


def test_trend_breaks_the_line_where_a_figure_cannot_be_computed():
    chart = trend(
        ["Tw I", "Tw II", "Tw III", "Tw IV"],
        [
            Series(
                "Capaian",
                [Decimal("31.01"), Decimal("51.86"), None, Decimal("97.72")],
                ["31,01%", "51,86%", "tidak dapat dihitung", "97,72%"],
            )
        ],
        title="Tren",
    )
    root = parse(chart.svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2  # Tw I-II only
    assert {"31,01%", "51,86%", "97,72%", "Capaian"} <= set(texts(root))
    assert chart.columns == ("Periode", "Capaian")
    assert chart.rows[2] == ("Tw III", "tidak dapat dihitung")


def test_two_series_differ_by_marker_and_dash_not_only_colour():
    chart = trend(
        ["Jan", "Feb"],
        [
            Series("Realisasi", [Decimal(1), Decimal(2)], ["1", "2"]),
            Series("Target", [Decimal(2), Decimal(2)], ["2", "2"], tone="target", dashed=True),
        ],
        title="t",
        reference=None,
    )
    root = parse(chart.svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # 2 points + the legend marker
    assert len([r for r in root.iter(f"{SVG}rect")]) == 3  # square markers of the 2nd series
    assert any(p.get("stroke-dasharray") for p in root.iter(f"{SVG}polyline"))


def test_stacked_counts_in_table_and_parts():
    chart = stacked(
        [("Tw I", [111, 4, 27, 0]), ("Tw II", [0, 0, 0, 0])],
        [
            ("on_track", "sesuai jalur"),
            ("at_risk", "perlu perhatian"),
            ("off_track", "tertinggal"),
            ("no_data", "belum dapat dinilai"),
        ],
        title="Progres",
    )
    root = parse(chart.svg)
    parts = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [p.find(f"{SVG}title").text for p in parts] == [
        "Tw I: sesuai jalur 111",
        "Tw I: perlu perhatian 4",
        "Tw I: tertinggal 27",
    ]
    assert "tidak ada indikator" in texts(root)
    assert chart.rows == [("Tw I", "111", "4", "27", "0"), ("Tw II", "0", "0", "0", "0")]


def test_sparkline_marks_the_last_value():
    chart = sparkline(
        ["Jan", "Feb", "Mar"], [Decimal(10), None, Decimal(30)], ["10", "", "30"], title="Tren X"
    )
    root = parse(chart.svg)
    assert root.get("width") == "120"
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert chart.rows == [("Jan", "10"), ("Feb", ""), ("Mar", "30")]


def test_every_tone_differs_by_pattern_or_ink():
    seen = {(t.pattern, t.ink) for t in TONES.values()}
    levels = [TONES[f"p{i}"] for i in range(5)] + [TONES["kosong"]]
    assert len({t.pattern for t in levels}) == 6  # the five levels and "none" by pattern alone
    assert seen


def test_chart_prints_unescaped_in_templates():
    from django.template import Context, Template

    chart = hbars([Bar("A & B", Decimal(1), "1,00%")], title="t")
    html = Template("{{ chart }}").render(Context({"chart": chart}))
    assert html.startswith("<svg") and "A &amp; B" in html


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=80),
            st.one_of(st.none(), st.decimals(min_value=-500, max_value=10_000, places=2)),
        ),
        max_size=12,
    )
)
def test_hbars_is_always_well_formed(items):
    chart = hbars([Bar(label, value, "x", "p2") for label, value in items], title="t")
    root = parse(chart.svg)  # never broken markup, whatever the labels hold
    assert len(chart.rows) == len(items)
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("width", "0")) >= 0


def test_documents_draw_with_the_same_code_path():
    """The LKjIP chart (kinerja.reports.svg) is kinerja.charts at a fixed size, title shown."""
    from kinerja.reports.svg import capaian_bars

    svg = capaian_bars(
        [("Indikator A", Decimal("94.74"), "94,74%"), ("Indikator B", None, "tidak ditargetkan")],
        title="Capaian indikator kinerja 2024",
    )
    root = parse(svg)
    assert root.get("class") == "chart" and root.get("width") == "610"
    shown = texts(root)
    assert shown[0] == "Capaian indikator kinerja 2024"
    assert {"94,74%", "tidak ditargetkan"} <= set(shown)
