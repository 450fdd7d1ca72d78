"""``warstats update``: previous vintage → current files, from a folder and from a mirror.

The previous vintage is ``shared/sources`` overlaid with ``previous_releases/`` (except
``_broken`` and ``_older_vintage``), as its README says. It is built once per module into
its own data home; each test that makes a further release removes it again, so every
test starts from that one release. Expected figures are computed here from the raw files.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

import warstats as ws
from warstats._paths import default_raw_dir
from warstats.releases import store
from warstats.releases.update import update

RAW = default_raw_dir()
PREV = RAW / "previous_releases"
KIEL = "aid/engelde_kiel_release28_summary.json"
FRED = "exchange_rates/fred_exchange_rates_monthly.csv"
PERSONNEL = "russian_losses_claims/russia_losses_personnel.json"


def _overlay(dest: Path, extra: Path) -> None:
    for path in extra.rglob("*"):
        rel = path.relative_to(extra)
        if path.is_file() and rel.parts[0] not in ("_broken", "_older_vintage") \
                and path.name != "README.md":
            shutil.copyfile(path, dest / rel)


@pytest.fixture(scope="module")
def vintage(tmp_path_factory):
    """(data home, previous-vintage folder, id of the release built from it)."""
    home = tmp_path_factory.mktemp("update_home")
    prev = tmp_path_factory.mktemp("previous_vintage")
    shutil.copytree(RAW, prev, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("previous_releases"))
    _overlay(prev, PREV)
    old = os.environ.get("WARSTATS_DATA_HOME")
    os.environ["WARSTATS_DATA_HOME"] = str(home)
    result = update(from_dir=prev, progress=False)
    yield home, prev, result
    if old is None:
        os.environ.pop("WARSTATS_DATA_HOME", None)
    else:
        os.environ["WARSTATS_DATA_HOME"] = old


@pytest.fixture
def home(vintage, monkeypatch):
    """The module's data home; releases made by the test are removed afterwards."""
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(vintage[0]))
    before = set(store.complete_release_ids())
    yield vintage
    for rid in set(store.complete_release_ids()) - before:
        shutil.rmtree(store.releases_root() / rid)


def _kiel_totals(path: Path) -> dict[str, float]:
    doc = json.loads(path.read_text())
    return {t: sum(c[t] for c in doc["byCountry"]) for t in ("military", "financial",
                                                              "humanitarian")}


def _fred_keys(path: Path) -> set[tuple[str, str]]:
    with path.open() as fh:
        return {(r["Date"], r["Country"]) for r in csv.DictReader(fh)}


def test_previous_vintage_release(vintage):
    _, _, result = vintage
    changed = {s for s, i in result.sources.items() if i["status"] == "updated"}
    # every family with a previous release differs from the shipped (current) files
    assert {"kiel_ust_r28", "genstaff_losses", "fred_fx_monthly", "ecb_eurofxref",
            "bls_cpi_u", "liveuamap_area", "wb_wdi_population"} <= changed
    assert result.sources["nzz_area"]["status"] == "unchanged"
    assert not [s for s, i in result.sources.items() if i["status"] == "failed"]
    donors = ws.load("aid_by_donor", release=result.release)
    r27 = _kiel_totals(PREV / KIEL)
    for aid_type, total in r27.items():
        got = donors.loc[donors["aid_type"] == aid_type, "value"].sum()
        assert got == pytest.approx(total, abs=1e-9)
    assert donors.attrs["release"] == result.release
    # the reader's period end follows the file (R27 runs to 2025-12)
    assert donors["period_end"].max() == dt.datetime(2025, 12, 31)
    # publication date from the file's own lastUpdated
    assert set(donors["published"].dt.date) == {dt.date(2025, 12, 31)}


def test_update_from_folder_to_current(home):
    _, _, first = home
    sources = ["kiel_ust_r28", "genstaff_losses", "fred_fx_monthly", "nzz_area"]
    result = update(sources=sources, from_dir=RAW, progress=False)
    status = {s: i["status"] for s, i in result.sources.items()}
    assert status == {"kiel_ust_r28": "updated", "genstaff_losses": "updated",
                      "fred_fx_monthly": "updated", "nzz_area": "unchanged"}
    assert result.parent == first.release and result.release
    assert store.resolve_release("latest")[0] == result.release
    # Kiel R27 -> R28 totals, computed from the two JSON files
    old = ws.load("aid_by_donor", release=first.release)
    new = ws.load("aid_by_donor")
    for aid_type, total in _kiel_totals(RAW / KIEL).items():
        assert new.loc[new["aid_type"] == aid_type, "value"].sum() == pytest.approx(total)
    assert old["value"].sum() != pytest.approx(new["value"].sum())
    assert set(new["published"].dt.date) == {dt.date(2026, 4, 21)}
    # FRED: the rows added are the (Date, Country) pairs new in the raw file
    added = _fred_keys(RAW / FRED) - _fred_keys(PREV / FRED)
    summary = result.changes.set_index(["dataset", "sources"])
    assert summary.loc[("fx_rates", "fred_fx_monthly"), "rows_added"] == len(added) == 23
    fx = ws.load("fx_rates")
    fred = fx[fx["source_id"] == "fred_fx_monthly"]
    assert set(fred["published"].dt.date) == {dt.date.today()}  # --from: retrieval date
    assert (fx.loc[fx["source_id"] == "ecb_eurofxref", "published"] ==
            ws.load("fx_rates", release=first.release).query(
                "source_id == 'ecb_eurofxref'")["published"].iloc[0]).all()
    # personnel: the old 2026-08-08 figure is re-dated 2026-08-07, a new 08-08 is added
    prev_rec = json.loads((PREV / PERSONNEL).read_text())
    cur_rec = {r["date"]: r["personnel"] for r in json.loads((RAW / PERSONNEL).read_text())}
    losses = ws.load("loss_claims").query("measure == 'personnel'").set_index("date")["value"]
    old_losses = ws.load("loss_claims", release=first.release).query(
        "measure == 'personnel'").set_index("date")["value"]
    assert old_losses[prev_rec[-1]["date"]] == prev_rec[-1]["personnel"]
    assert losses["2026-08-07"] == cur_rec["2026-08-07"] == prev_rec[-1]["personnel"]
    assert losses["2026-08-08"] == cur_rec["2026-08-08"]
    # the manifest records each input
    manifest = store.read_manifest(result.release)
    kiel_in = next(i for i in manifest["inputs"] if i["file"] == KIEL)
    assert kiel_in["sha256"] == _sha(RAW / KIEL) and kiel_in["size"] == (RAW / KIEL).stat().st_size
    assert kiel_in["url"].startswith("file://") and kiel_in["source_id"] == "kiel_ust_r28"
    assert manifest["parent"] == first.release and manifest["built_from"].startswith("--from")
    # unchanged tables are the parent's, byte for byte
    assert _sha(store.releases_root() / result.release / "population.csv") == \
        _sha(store.releases_root() / first.release / "population.csv")


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def mirror(tmp_path):
    root = tmp_path / "mirror"
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_update_from_mirror(home, mirror):
    root, url = mirror
    for rel in (FRED, "prices/bls_cpi_u_us_city_average_cpiai.csv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RAW / rel, root / rel)
        stamp = dt.datetime(2026, 7, 2, 12, tzinfo=dt.UTC).timestamp()
        os.utime(root / rel, (stamp, stamp))  # served as Last-Modified
    result = update(sources=["fred_fx_monthly", "bls_cpi_u"], mirror=url, progress=False)
    assert {s: i["status"] for s, i in result.sources.items()} == {
        "fred_fx_monthly": "updated", "bls_cpi_u": "updated"}
    fx = ws.load("fx_rates")
    assert set(fx.loc[fx["source_id"] == "fred_fx_monthly", "published"].dt.date) == {
        dt.date(2026, 7, 2)}
    inputs = {i["file"]: i for i in store.read_manifest(result.release)["inputs"]}
    assert inputs[FRED]["url"] == f"{url}/{FRED}"
    prices = ws.load("price_indices").query("source_id == 'bls_cpi_u'")
    with (RAW / "prices/bls_cpi_u_us_city_average_cpiai.csv").open() as fh:
        newest = max(r["Date"] for r in csv.DictReader(fh))
    assert prices["date"].max() == dt.datetime.fromisoformat(newest)


def test_broken_kiel_fails_alone(home, tmp_path):
    _, _, first = home
    new = tmp_path / "new"
    for rel in (KIEL, "prices/bls_cpi_u_us_city_average_cpiai.csv"):
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PREV / "_broken" / rel if rel == KIEL else RAW / rel, new / rel)
    result = update(sources=["kiel_ust_r28", "bls_cpi_u"], from_dir=new, progress=False)
    kiel = result.sources["kiel_ust_r28"]
    assert kiel["status"] == "failed"
    assert "no allocations" in kiel["reason"] and "donors: 0" in kiel["reason"]
    assert result.sources["bls_cpi_u"]["status"] == "updated"
    # Kiel's datasets keep the previous figures, byte for byte
    for name in ("aid_by_donor", "aid_by_month"):
        assert _sha(store.releases_root() / result.release / f"{name}.csv") == \
            _sha(store.releases_root() / first.release / f"{name}.csv")
    assert store.read_manifest(result.release)["sources"]["kiel_ust_r28"]["status"] == "failed"


def test_interrupted_update_leaves_no_release(home, monkeypatch):
    from warstats.datasets import build

    before = store.complete_release_ids()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "build_one", boom)
    with pytest.raises(KeyboardInterrupt):
        update(sources=["bls_cpi_u"], from_dir=RAW, progress=False)
    assert store.complete_release_ids() == before
    assert not [p for p in store.releases_root().iterdir() if p.name.startswith(".staging")]


def test_dry_run_publishes_nothing(home):
    before = store.complete_release_ids()
    result = update(sources=["bls_cpi_u"], from_dir=RAW, dry_run=True, progress=False)
    assert result.release is None and result.sources["bls_cpi_u"]["status"] == "updated"
    assert store.complete_release_ids() == before
    assert list(store.releases_root().iterdir()) == [store.releases_root() / r for r in before]


def test_releases_lists_shipped_and_updates(home):
    _, _, first = home
    table = ws.releases()
    assert table["release"].tolist()[:2] == ["shipped", first.release]
    row = table.set_index("release").loc[first.release]
    assert row["sources_updated"] == sum(
        i["status"] == "updated" for i in first.sources.values())
    assert row["built_from"].startswith("--from") and bool(row["latest"])


def test_cli_update_and_releases(home, capsys):
    from warstats.cli import main

    assert main(["update", "--source", "bls_cpi_u", "--from", str(RAW), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "bls_cpi_u" in out and "dry run" in out
    assert main(["releases", "--format", "csv"]) == 0
    assert "shipped" in capsys.readouterr().out


def test_update_refuses_bad_arguments(home, tmp_path):
    from warstats.errors import SourceNotFoundError, WarstatsError

    with pytest.raises(WarstatsError, match="not both"):
        update(from_dir=tmp_path, mirror="http://127.0.0.1:1")
    with pytest.raises(WarstatsError, match="no such folder"):
        update(from_dir=tmp_path / "nope")
    with pytest.raises(SourceNotFoundError):
        update(sources=["kiel"], from_dir=tmp_path)


def test_frozen_source_is_not_fetched(home):
    result = update(sources=["liveuamap_area"], progress=False, dry_run=True)
    info = result.sources["liveuamap_area"]
    assert info["status"] == "unchanged" and info["reason"].startswith("frozen: ")
    assert "2025-01-16" in info["reason"]


def test_describe_sources_and_footer_follow_the_release(home):
    from warstats.charts.footer import footer_text

    _, _, first = home
    r27 = json.loads((PREV / KIEL).read_text())["lastUpdated"]
    shown = ws.sources("aid_by_donor").set_index("source_id")
    assert shown.loc["kiel_ust_r28", "published"].date().isoformat() == r27
    shipped = ws.sources("aid_by_donor", release="shipped").set_index("source_id")
    assert shipped.loc["kiel_ust_r28", "published"].date().isoformat() == "2026-04-21"
    info = ws.describe("aid_by_donor")
    assert info["rows"] == len(ws.load("aid_by_donor"))
    frame = ws.load("fx_rates")
    retrieved = first.sources["fred_fx_monthly"]["retrieved"]
    assert frame.attrs["retrieved"] == retrieved
    assert f"Release {first.release}, retrieved {retrieved}" in footer_text(frame)
    assert "Release" not in footer_text(ws.load("fx_rates", release="shipped"))


def test_drifted_source_fails_alone_in_a_combined_dataset(home, tmp_path):
    """fx_rates combines ECB and FRED: a renamed ECB column fails ECB only; the table keeps
    ECB's previous rows and takes FRED's new ones."""
    _, _, first = home
    new = tmp_path / "new"
    ecb = "exchange_rates/ecb_eurofxref-hist.csv"
    for rel in (ecb, FRED):
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RAW / rel, new / rel)
    text = (new / ecb).read_text()
    (new / ecb).write_text(text.replace("Date,", "Day,", 1))
    result = update(sources=["ecb_eurofxref", "fred_fx_monthly"], from_dir=new, progress=False)
    assert result.sources["ecb_eurofxref"]["status"] == "failed"
    assert "Date" in result.sources["ecb_eurofxref"]["reason"]
    assert result.sources["fred_fx_monthly"]["status"] == "updated"
    old, now = ws.load("fx_rates", release=first.release), ws.load("fx_rates")
    key = ["date", "frequency", "quote_currency"]
    ecb_old = old[old["source_id"] == "ecb_eurofxref"].sort_values(key).reset_index(drop=True)
    ecb_new = now[now["source_id"] == "ecb_eurofxref"].sort_values(key).reset_index(drop=True)
    assert ecb_new.equals(ecb_old)
    added = len(_fred_keys(RAW / FRED) - _fred_keys(PREV / FRED))
    assert (now["source_id"] == "fred_fx_monthly").sum() == \
        (old["source_id"] == "fred_fx_monthly").sum() + added


@pytest.mark.raw  # reads previous_releases/ beside the raw files
def test_kiel_reader_rejects_the_broken_release_and_reads_r27(tmp_path):
    from warstats.errors import SourceFormatError
    from warstats.readers.kiel import build_aid_by_donor, build_aid_by_month

    broken = tmp_path / "broken"
    (broken / "aid").mkdir(parents=True)
    shutil.copyfile(PREV / "_broken" / KIEL, broken / KIEL)
    for build in (build_aid_by_donor, build_aid_by_month):
        with pytest.raises(SourceFormatError, match=r"no allocations \(donors: 0"):
            build(broken)
    r27 = tmp_path / "r27"
    (r27 / "aid").mkdir(parents=True)
    shutil.copyfile(PREV / KIEL, r27 / KIEL)
    months = json.loads((PREV / KIEL).read_text())["byMonth"]
    frame = build_aid_by_month(r27).frame
    assert len(frame) == 3 * len(months) == 144
    assert frame["month"].min() == dt.datetime.fromisoformat(months[0]["date"] + "-01")
