"""The France Services import, on the official open data and on crafted bad files."""

from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import DirectoryIndexPage, MaisonPage
from tests.factories import communes_from_table

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "france-services"
CSV_2024 = DATA / "liste-fs-20240801.csv"
GEOJSON_2020 = DATA / "france-services-2020-10.geojson"
HEADER = (
    '"id_fs","insee_dep","lib_fs","adresse","complement_adresse","insee_com","code_postal",'
    '"lib_com","latitude","longitude","mail","telephone","h_lundi","h_mardi","h_mercredi",'
    '"h_jeudi","h_vendredi","h_samedi","prise_rdv","commentaire","type_fs","format_fs",'
    '"groupe_fs","labellisation_fs","site_web"'
)
# Two rows of the communes file (communes_from_table's layout): Lodève, Nice.
FILE_COMMUNES = """\
34142;Lodève;Lodève;34;34700;43.73015;3.29526;7289
06088;Nice;Nice;06;06000 06100 06200 06300;43.70321;7.25281;348085"""


def source_ids_without_hours() -> set[str]:
    import csv
    import re

    days = ("h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi")
    with CSV_2024.open(encoding="utf-8", newline="") as handle:
        return {
            line["id_fs"]
            for line in csv.DictReader(handle)
            if not any(re.sub(r"[0:\s/-]", "", line[day]) for day in days)
        }


def run_import(*args: str, capsys) -> list[str]:
    call_command("import_france_services", *args)
    return capsys.readouterr().out.strip().splitlines()


def imported():
    """The maisons an import wrote (the tree starts with none)."""
    return MaisonPage.objects.all()


def write_csv(tmp_path, rows: list[str]) -> str:
    path = tmp_path / "liste.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def row(source_id: str, *, dep="34", lat="43.73", lon="3.29", hours="09:00 - 12:00", extra=""):
    return (
        f'"{source_id}","{dep}","France services test {source_id}","1 rue de la Paix",,'
        f'"34142","34700","Lodève",{lat},{lon},"fs{source_id}@example.org","04 67 00 00 00",'
        f'"{hours}","{hours}","{hours}","{hours}","{hours}",,"Oui","{extra}","Principal",'
        f'"Fixe",,"Espace labellisé 01/01/2020","https://fs{source_id}.example.org"'
    )


def test_the_2020_geojson_imports_too(capsys):
    lines = run_import(str(GEOJSON_2020), capsys=capsys)
    assert lines[-1] == "created=908 updated=0 unchanged=0 rejected=0"


def test_bad_rows_are_reported_and_good_rows_land(capsys, tmp_path):
    # arrange
    source = write_csv(
        tmp_path,
        [
            row("9001"),
            row("9002", lat="abc"),
            row("9003", lat="91.5"),
            row("9004", hours="25:00 - 12:00"),
            row("9005", dep="99"),
            row("", hours="09:00 - 12:00"),
            row("9006", extra="Un lundi sur deux :\nMairie de Soubès"),
        ],
    )
    # act
    lines = run_import(source, "--report", str(tmp_path / "report.txt"), capsys=capsys)
    # assert
    assert lines[-1] == "created=6 updated=0 unchanged=0 rejected=1"
    assert imported().count() == 6
    assert MaisonPage.objects.get(source_id="9002").latitude is None
    assert MaisonPage.objects.get(source_id="9003").latitude is None
    assert MaisonPage.objects.get(source_id="9004").hours_problems.startswith("lundi « 25:00")
    assert MaisonPage.objects.get(source_id="9005").department is None
    assert (
        MaisonPage.objects.get(source_id="9006").remarks == "Un lundi sur deux :\nMairie de Soubès"
    )
    assert MaisonPage.objects.get(source_id="9001").website == "https://fs9001.example.org"
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    # line 1 is the header
    assert "ligne 3, colonne latitude" in report
    assert "ligne 4, colonne latitude" in report
    assert "ligne 5 : horaires illisibles" in report
    assert "ligne 6, colonne insee_dep" in report
    assert "ligne 7, colonne id_fs" in report and "ligne rejetée" in report


def test_broken_lines_are_reported_with_their_line_numbers_and_the_others_land(capsys, tmp_path):
    # arrange
    lines = [
        HEADER.encode(),
        row("9001").encode(),
        row("9002").encode("latin-1"),  # "Lodève", "labellisé" in Latin-1
        row("9003", extra="Fermé\x00").encode(),
        row("9004").rsplit(",", 1)[0].encode(),  # one field short
        row("9005").encode(),
        row("9001", hours="08:00 - 12:00").encode(),
    ]
    source = tmp_path / "liste.csv"
    source.write_bytes(b"\n".join(lines) + b"\n")
    report = tmp_path / "report.txt"

    # act
    lines = run_import(str(source), "--report", str(report), capsys=capsys)

    # assert
    assert lines[-1] == "created=2 updated=0 unchanged=0 rejected=4"
    assert set(imported().values_list("source_id", flat=True)) == {"9001", "9005"}
    first = MaisonPage.objects.get(source_id="9001").opening_intervals.first()
    assert f"{first.opens:%H:%M}" == "09:00"  # the first row with its id, not the duplicate
    assert report.read_text(encoding="utf-8").splitlines() == [
        "ligne 3, colonne lib_com : not UTF-8 text (byte 0xE8): the line is in another "
        "encoding (ligne rejetée)",
        "ligne 4, colonne commentaire : control character U+0000 in the text (ligne rejetée)",
        "ligne 5 : expected 25 fields, found 24 (ligne rejetée)",
        "ligne 7, colonne id_fs : duplicate id '9001', already on line 2 (ligne rejetée)",
    ]


def test_changes_in_the_file_update_pages_through_a_new_revision(capsys, tmp_path):
    run_import(write_csv(tmp_path, [row("9001"), row("9002")]), capsys=capsys)
    page = MaisonPage.objects.get(source_id="9001")
    revisions = page.revisions.count()
    lines = run_import(
        write_csv(tmp_path, [row("9001", hours="08:00 - 12:00"), row("9002")]), capsys=capsys
    )
    assert lines[-1] == "created=0 updated=1 unchanged=1 rejected=0"
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert {f"{i.opens:%H:%M}" for i in page.opening_intervals.all()} == {"08:00"}


def test_editors_additions_survive_a_new_import(capsys, tmp_path):
    from datetime import date

    from directory.models import Closure

    run_import(write_csv(tmp_path, [row("9001")]), capsys=capsys)
    page = MaisonPage.objects.get(source_id="9001")
    page.closures.add(
        Closure(start_date=date(2026, 12, 24), end_date=date(2026, 12, 26), reason="Noël")
    )
    page.save_revision().publish()
    run_import(write_csv(tmp_path, [row("9001", hours="08:00 - 12:00")]), capsys=capsys)
    assert MaisonPage.objects.get(source_id="9001").closures.count() == 1


def test_dry_run_writes_nothing(capsys, tmp_path):
    lines = run_import(write_csv(tmp_path, [row("9001")]), "--dry-run", capsys=capsys)
    assert lines[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    assert "Dry run: nothing was written." in lines
    assert not imported().exists()


def test_unpublish_missing_unpublishes_maisons_gone_from_the_file(capsys, tmp_path):
    run_import(write_csv(tmp_path, [row("9001"), row("9002")]), capsys=capsys)
    run_import(write_csv(tmp_path, [row("9001")]), "--unpublish-missing", capsys=capsys)
    assert not MaisonPage.objects.get(source_id="9002").live
    assert MaisonPage.objects.get(source_id="9001").live


def test_unpublish_missing_keeps_maisons_whose_row_was_rejected(capsys, tmp_path):
    # arrange
    run_import(write_csv(tmp_path, [row("9001"), row("9002")]), capsys=capsys)
    rejected = row("9002").replace("France services test 9002", "")  # no name

    # act
    lines = run_import(
        write_csv(tmp_path, [row("9001"), rejected]), "--unpublish-missing", capsys=capsys
    )

    # assert
    assert lines[-1] == "created=0 updated=0 unchanged=1 rejected=1"
    assert MaisonPage.objects.get(source_id="9002").live


def test_import_works_on_a_database_without_directory_page(capsys, tmp_path):
    DirectoryIndexPage.objects.all().delete()
    lines = run_import(write_csv(tmp_path, [row("9001")]), capsys=capsys)
    assert lines[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    assert DirectoryIndexPage.objects.get().url == "/maisons/"


def test_an_unreadable_source_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"nope\.csv"):
        call_command("import_france_services", str(tmp_path / "nope.csv"))
    broken = tmp_path / "broken.csv"
    broken.write_text('"id_fs","lib_fs"\n"1","x"\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"insee_dep|latitude|column"):
        call_command("import_france_services", str(broken))


def test_import_from_a_local_http_server(capsys, tmp_path):
    import http.server
    import threading
    from functools import partial

    write_csv(tmp_path, [row("9001")])
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/liste.csv"
        lines = run_import(url, capsys=capsys)
    finally:
        server.shutdown()
    assert lines[-1] == "created=1 updated=0 unchanged=0 rejected=0"


def test_communes_import_is_idempotent(db, capsys):
    from directory.models import Commune, CommunePostcode

    # arrange: two communes already there, as the file has them
    source = DATA.parent / "communes" / "communes-2024.csv"
    existing = len(communes_from_table(FILE_COMMUNES, "34142", "06088"))
    # act
    call_command("import_communes", str(source))
    first = capsys.readouterr().out.strip().splitlines()[-1]
    call_command("import_communes", str(source))
    second = capsys.readouterr().out.strip().splitlines()[-1]
    # assert
    communes = Commune.objects.count()
    assert first == f"created={communes - existing} updated=0 unchanged={existing} rejected=0"
    assert second == f"created=0 updated=0 unchanged={communes} rejected=0"
    lodeve = Commune.objects.get(insee="34142", kind="COM")
    assert lodeve.name_with_article == "Lodève" and lodeve.department.code == "34"
    assert lodeve.search_name == "lodeve"
    assert Commune.objects.get(insee="63236", kind="COM").search_name == "mont dore"
    # distinct (INSEE code, kind) pairs of the 36,208 rows, and the 7 communes the file
    # lacks (geography.REFERENCE_COMMUNES): Paris, Lyon and Marseille as whole cities, and
    # the communes of Saint-Pierre-et-Miquelon (2), Saint-Barthélemy and Saint-Martin
    assert communes == 35549 + 7
    assert CommunePostcode.objects.count() == 36208 + 4  # 97500 twice, 97133, 97150
    paris = Commune.objects.get(insee="75056", kind="COM")
    assert (paris.name, paris.department.code, paris.population) == ("Paris", "75", 2133111)
    assert Commune.objects.filter(parent_insee="75056", kind="ARM").count() == 20
    saint_martin = Commune.objects.get(insee="97801", kind="COM")
    assert saint_martin.department.timezone == "America/Marigot"
    assert list(saint_martin.postcodes.values_list("postcode", flat=True)) == ["97150"]
    nice = CommunePostcode.objects.filter(commune__insee="06088", commune__kind="COM")
    assert sorted(nice.values_list("postcode", flat=True)) == ["06000", "06100", "06200", "06300"]


def test_import_on_a_freshly_migrated_tree_puts_the_directory_under_the_site_root(
    capsys, tmp_path
):
    from wagtail.models import Page, Site

    from home.models import HomePage

    # arrange: no home page, only a plain root page for the site (as after `migrate`)
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="welcome")
    )
    Site.objects.update(root_page=welcome)
    HomePage.objects.all().delete()
    # act
    lines = run_import(write_csv(tmp_path, [row("9001")]), capsys=capsys)
    # assert
    assert lines[-1] == "created=1 updated=0 unchanged=0 rejected=0"
    index = DirectoryIndexPage.objects.get()
    assert index.get_parent().pk == welcome.pk
    assert MaisonPage.objects.get(source_id="9001").get_parent().pk == index.pk


def test_the_osm_string_and_label_rule_come_from_the_imported_hours(capsys, tmp_path):
    run_import(
        write_csv(tmp_path, [row("9001", hours="09:00 - 12:00 / 13:30 - 17:00")]), capsys=capsys
    )
    page = MaisonPage.objects.get(source_id="9001")
    assert page.opening_hours_osm == "Mo-Fr 09:00-12:00,13:30-17:00; PH off"
    assert page.meets_label_rule  # 32.5 hours over 5 days
    run_import(write_csv(tmp_path, [row("9001", hours="09:00 - 12:00")]), capsys=capsys)
    assert not MaisonPage.objects.get(source_id="9001").meets_label_rule  # 15 hours
