"""catalog_import: the seed loads as the decree says, re-imports are no-ops, amendments apply
in place."""

import json

import pytest

from kinerja.catalog.models import (
    Agency,
    CatalogImport,
    DataSource,
    Decree,
    Duty,
    Goal,
    Indicator,
    Position,
    Unit,
)
from kinerja.catalog.selectors import decree_document
from kinerja.catalog.services import catalog_import, load_document
from kinerja.catalog.validation import DocumentError

pytestmark = pytest.mark.django_db


def _import(raw: bytes):
    document, sha = load_document(raw)
    return catalog_import(document=document, source_sha256=sha, actor="test")


def test_seed_import_counts(decree):
    assert Decree.objects.count() == 1
    assert decree.number == "188/450.1/KEP/434.206/2019"
    assert (decree.period_start, decree.period_end) == (2019, 2024)
    assert decree.enacted_on.isoformat() == "2019-08-26"
    assert decree.signatory_nip == "197101061993041001"
    assert decree.agency.name == "Dinas Kependudukan dan Pencatatan Sipil"
    assert decree.agency.region == "Kabupaten Sampang"
    assert Position.objects.filter(listed=True).count() == 24
    assert Goal.objects.count() == 30
    assert Indicator.objects.count() == 142
    assert Indicator.objects.filter(kind="percentage").count() == 14
    assert Indicator.objects.filter(kind="percentage", denominator="").count() == 0


def test_seed_positions_keep_distinct_keys_for_same_name(decree):
    keys = list(
        Position.objects.filter(name="Analis Pengembangan Teknologi").values_list("key", flat=True)
    )
    assert keys == ["analis-pengembangan-teknologi", "analis-pengembangan-teknologi-2"]


def test_seed_supervisors_are_linked_to_positions(decree):
    kasi = Position.objects.get(name="Kepala Seksi Identitas Penduduk")
    assert kasi.supervisor.name == "Kepala Bidang Pelayanan Pendaftaran Penduduk"
    kasubag = Position.objects.get(name="Kepala Sub Bagian Umum dan Kepegawaian")
    assert kasubag.supervisor.name == "Sekretaris"
    sekretaris = Position.objects.get(name="Sekretaris")
    assert sekretaris.supervisor_text == "Kepala Dinas"
    head = sekretaris.supervisor
    assert (head.name, head.is_head, head.listed) == ("Kepala Dinas", True, False)
    assert head.goals.count() == 0
    assert Position.objects.get(name="Kepala Bidang Pelayanan Pencatatan Sipil").supervisor == head
    assert Position.objects.get(name="Pengemudi").supervisor_text == ""


def test_seed_units_form_a_tree(decree):
    seksi = Unit.objects.get(name="Seksi Identitas Penduduk")
    assert seksi.kind == "seksi"
    assert seksi.parent.name == "Bidang Pelayanan Pendaftaran Penduduk"
    assert Unit.objects.get(name="Sub Bagian Perencanaan dan Keuangan").parent.name == (
        "Sekretariat"
    )
    assert Unit.objects.get(name="Sekretariat").parent is None


def test_seed_sources_are_shared_records(decree):
    siak = DataSource.objects.get(name="SIAK")
    assert siak.indicators.count() == 9
    ktp = Indicator.objects.get(name="Persentase penduduk ber KTP-el")
    assert [link.source.name for link in ktp.indicatorsource_set.all()] == ["SIAK"]
    assert ktp.aggregation == "stock"
    assert DataSource.objects.filter(name__iexact="DPA").count() == 1


def test_tasks_and_functions_in_order(decree):
    sekretaris = Position.objects.get(name="Sekretaris")
    functions = list(sekretaris.duties.filter(kind=Duty.Kind.FUNCTION))
    assert len(functions) == 14
    assert functions[0].text.startswith("pengelolaan pelayanan administrasi umum")
    assert sekretaris.duties.filter(kind=Duty.Kind.TASK).count() == 1


def test_reimport_same_text_changes_nothing(decree, seed_bytes):
    before = {p.key: p.pk for p in Position.objects.all()}
    indicator_pks = set(Indicator.objects.values_list("pk", flat=True))
    result = _import(seed_bytes)
    assert result.created is False
    assert result.changes == []
    assert {p.key: p.pk for p in Position.objects.all()} == before
    assert set(Indicator.objects.values_list("pk", flat=True)) == indicator_pks
    assert Agency.objects.count() == 1
    assert DataSource.objects.count() == len(set(DataSource.objects.values_list("name", flat=True)))
    assert CatalogImport.objects.count() == 2


def test_amended_text_updates_in_place(decree, seed_bytes):
    text = seed_bytes.decode("utf-8")
    old_row = "Jumlah surat terkirim\tJumlah surat terkirim\tAgenda surat"
    assert old_row in text
    text = text.replace(old_row, "Jumlah surat terkirim\tJumlah surat dinas terkirim\tAgenda surat")
    start = text.index("1. JABATAN : Pengemudi")
    end = text.index("INDIKATOR KINERJA INDIVIDU", start)
    text = text[:start] + text[end + len("INDIKATOR KINERJA INDIVIDU") :]
    surat = Indicator.objects.get(name="Jumlah surat terkirim")
    sekretaris_pk = Position.objects.get(name="Sekretaris").pk

    result = _import(text.encode("utf-8"))

    messages = [c.message() for c in result.changes]
    assert result.created is False
    assert any("Jumlah surat dinas terkirim" in m and "formula" in m for m in messages), messages
    assert "dihapus: jabatan Pengemudi" in messages
    # A count's numerator is its formula, so the one edited cell changes two fields.
    assert any("numerator" in m and "Jumlah surat dinas terkirim" in m for m in messages)
    assert len(result.changes) == 3, messages
    surat.refresh_from_db()
    assert surat.formula == "Jumlah surat dinas terkirim"
    assert Position.objects.filter(listed=True).count() == 23
    assert Indicator.objects.count() == 140
    assert Position.objects.get(name="Sekretaris").pk == sekretaris_pk


def test_export_document_reimports_to_same_catalog(decree):
    exported = decree_document(decree)
    raw = json.dumps(exported, ensure_ascii=False).encode("utf-8")
    result = _import(raw)
    assert result.changes == []
    assert decree_document(decree) == exported


def _fold_sources(document):
    """Sources are shared records matched without case: the first spelling met is kept."""
    for position in document["positions"]:
        for goal in position["goals"]:
            for indicator in goal["indicators"]:
                indicator["sources"] = [s.casefold() for s in indicator["sources"]]
    document.pop("warnings")
    return document


def _measures(document) -> list[tuple]:
    """Pop the unit fields of count indicators: the decree states none, the import guesses."""
    out = []
    for position in document["positions"]:
        for goal in position["goals"]:
            for indicator in goal["indicators"]:
                confirmed = indicator.pop("measure_confirmed", None)
                if indicator["kind"] == "count":
                    unit, agg = indicator.pop("measure_unit"), indicator.pop("aggregation")
                    out.append((indicator["name"], unit, agg, confirmed))
    return out


def test_export_matches_parser_output(decree, seed_document):
    exported = _fold_sources(decree_document(decree))
    guessed = _measures(exported)
    _measures(seed_document)
    assert exported == _fold_sources(seed_document)
    # every count got a unit and an aggregation from its wording, left for a person to confirm
    assert len(guessed) == 128 and all(u and c is False for _, u, _, c in guessed)
    by_name = {name: (unit, agg) for name, unit, agg, _ in guessed}
    assert by_name["Jumlah gedung kantor yang dipelihara"] == ("unit", "stock")
    assert by_name["Jumlah tenaga kebersihan"] == ("orang", "stock")
    assert by_name["Jumlah surat terkirim"] == ("surat", "flow")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("positions"), "document: field 'positions' is missing"),
        (lambda d: d["positions"][0].update(key="Bad Key"), "positions[0].key"),
        (
            lambda d: d["positions"][1].update(key=d["positions"][0]["key"]),
            "positions[1].key: 'sekretaris' is used twice",
        ),
        (
            lambda d: d["positions"][0]["goals"][0]["indicators"][0].update(denominator=None),
            "positions[0].goals[0].indicators[0].denominator",
        ),
        (lambda d: d["decree"]["period"].update(start=2030), "decree.period: 2030-2024"),
    ],
)
def test_invalid_json_document_is_refused_whole(decree, mutate, message):
    document = decree_document(decree)
    mutate(document)
    indicator_count = Indicator.objects.count()
    with pytest.raises(DocumentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_document(json.dumps(document).encode())
    assert Indicator.objects.count() == indicator_count


def test_broken_json_names_the_line():
    with pytest.raises(DocumentError, match=r"line 3: not valid catalog JSON"):
        load_document(b'{\n "decree": {},\n oops\n}')


def test_amendment_dropping_a_used_indicator_is_refused_whole(decree, seed_bytes):
    from kinerja.planning.models import Target

    surat = Indicator.objects.get(name="Jumlah surat terkirim")
    Target.objects.create(indicator=surat, year=2024, plan="renja", value=10)
    text = seed_bytes.decode("utf-8")
    text = text.replace("Jumlah surat terkirim\tJumlah surat terkirim\tAgenda surat\n", "")
    text = text.replace("Jumlah surat dinas terkirim", "x")
    formula_before = Indicator.objects.get(name="Jumlah tenaga kebersihan").formula
    text = text.replace("Jumlah tenaga kebersihan yang dibayar", "Jumlah tenaga kebersihan dibayar")
    with pytest.raises(DocumentError, match=r"'Jumlah surat terkirim'.*masih memiliki target"):
        _import(text.encode("utf-8"))
    assert Indicator.objects.filter(name="Jumlah surat terkirim").exists()
    assert Indicator.objects.get(name="Jumlah tenaga kebersihan").formula == formula_before
